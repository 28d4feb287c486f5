namespace Escalator.LiveBackend.Backends;

/// <summary>A backend could not do what a step asked, for a reason other than an HTTP fault (for example a host with no
/// compute service); the executor fails the step with this message, as it does for a cloud's fault.</summary>
public sealed class BackendException(string message) : Exception(message);
