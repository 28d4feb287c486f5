namespace Escalator.Service;

/// <summary>The body of a VNF manager's reply, <c>PUT /v1/maintenance/RUN/VNF</c>: a Fenix reply state such as
/// <c>ACK_MAINTENANCE</c> or <c>NACK_SCALE_IN</c>, and optionally what the VNFM wants said.</summary>
internal sealed record ReplyBody(string? State, string? Detail);
