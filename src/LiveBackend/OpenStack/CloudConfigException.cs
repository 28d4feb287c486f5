namespace Escalator.LiveBackend.OpenStack;

/// <summary>A cloud that cannot be used as configured: no endpoint of a service in its catalog, a CA bundle that cannot
/// be read, a token without a catalog. Not worth retrying; the message says what to change.</summary>
public sealed class CloudConfigException : Exception
{
    public CloudConfigException(string message) : base(message)
    {
    }

    public CloudConfigException(string message, Exception inner) : base(message, inner)
    {
    }

    public CloudConfigException()
    {
    }
}
