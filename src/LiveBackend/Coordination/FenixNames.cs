using Escalator.Model.Campaigns;

namespace Escalator.LiveBackend.Coordination;

/// <summary>The Fenix protocol's wire names: the events Escalator sends and the ACK_/NACK_ replies it accepts, with the
/// older spellings still met in the wild.</summary>
public static class FenixNames
{
    /// <summary>Older names of states, as VNFMs written for earlier Fenix releases send them in replies.</summary>
    private static readonly Dictionary<string, FenixEvent> Older = new(StringComparer.Ordinal)
    {
        ["IN_SCALE"] = FenixEvent.ScaleIn,
        ["DOWN_SCALE"] = FenixEvent.ScaleIn,
        ["ADMIN_ACTION_DONE"] = FenixEvent.InstanceActionDone,
    };

    /// <summary>Both event types a maintenance notification has carried.</summary>
    public static readonly IReadOnlyList<string> EventTypes = ["maintenance.scheduled", "maintenance.planned"];

    /// <summary>The wire name of an event, e.g. <c>SCALE_IN</c>.</summary>
    public static string Of(FenixEvent e) => CampaignLoader.EventNames.First(n => n.Value == e).Key;

    /// <summary>Reads a reply state such as <c>ACK_MAINTENANCE</c>, <c>NACK_SCALE_IN</c> or the older <c>ACK_IN_SCALE</c>.</summary>
    /// <returns>The event answered and whether it is an ACK; null when the text is not a reply.</returns>
    public static (FenixEvent Event, bool Ack)? ParseReply(string? state)
    {
        if (string.IsNullOrWhiteSpace(state)) return null;
        var text = state.Trim().ToUpperInvariant();
        bool ack;
        if (text.StartsWith("ACK_", StringComparison.Ordinal)) (ack, text) = (true, text[4..]);
        else if (text.StartsWith("NACK_", StringComparison.Ordinal)) (ack, text) = (false, text[5..]);
        else return null;
        if (CampaignLoader.EventNames.TryGetValue(text, out var e) || Older.TryGetValue(text, out e)) return (e, ack);
        return null;
    }
}
