using System.Runtime.CompilerServices;

namespace Olist.Tests.TestSupport;

/// <summary>bUnit settings for the whole test assembly.</summary>
internal static class BunitDefaults
{
    /// <summary>
    /// Waits for renders up to 10 s instead of 1 s: the suite runs test classes in parallel on two cores, and debounce
    /// timers or background loads can then take longer than a second. A wait still fails when the state never comes.
    /// </summary>
    [ModuleInitializer]
    internal static void WaitLongerOnABusyMachine() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
