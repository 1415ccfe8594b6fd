namespace Olist.Pipeline.Errors;

/// <summary>An expected failure with a message meant for the user (a missing file, a locked warehouse), shown without a stack trace.</summary>
public class PipelineException : Exception
{
    public PipelineException()
    {
    }

    public PipelineException(string message)
        : base(message)
    {
    }

    public PipelineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
