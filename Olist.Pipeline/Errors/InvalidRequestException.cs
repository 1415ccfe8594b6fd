namespace Olist.Pipeline.Errors;

/// <summary>A request that cannot be served as asked (an unknown name, a bad or contradictory value): the command line exits with 2, the API answers 400.</summary>
public class InvalidRequestException : PipelineException
{
    public InvalidRequestException()
    {
    }

    public InvalidRequestException(string message)
        : base(message)
    {
    }

    public InvalidRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
