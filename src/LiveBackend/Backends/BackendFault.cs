using System.Diagnostics.CodeAnalysis;

namespace Escalator.LiveBackend.Backends;

/// <summary>A backend could not do what a step asked: the one fault the executor knows. A backend that talks to a service
/// throws a subtype that carries the call (<c>OpenStack.CloudFaultException</c>); a reason of its own (a host with no compute
/// service, a migration that cannot be aborted) is a plain, not transient, <see cref="BackendFault"/>.</summary>
/// <remarks>The executor fails the step with <see cref="Exception.Message"/> and never looks further; retries decide on
/// <see cref="IsTransient"/> only.</remarks>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix",
    Justification = "The seam's word for what a backend reports, kept short where the executor names it; subtypes keep the suffix.")]
public class BackendFault : Exception
{
    /// <param name="message">What failed and why, in one line, for the step's failure and the log.</param>
    /// <param name="isTransient">Whether trying the same call again may help.</param>
    /// <param name="context">Where the fault arose, for an operator (such as the service and call); null when the message says it all.</param>
    public BackendFault(string message, bool isTransient = false, string? context = null, Exception? inner = null)
        : base(message, inner)
    {
        IsTransient = isTransient;
        Context = context;
    }

    /// <summary>Whether trying again may help (no answer, a busy or throttled service); retries decide on this flag only.</summary>
    public bool IsTransient { get; }

    /// <summary>Where the fault arose (a service and its call, a request id), or null.</summary>
    public string? Context { get; }
}
