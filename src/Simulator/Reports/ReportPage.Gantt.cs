using System.Globalization;
using System.Text.Json;

namespace Escalator.Simulator.Reports;

// Which lanes the timeline of the typical run shows, in which order, and whether it is thinned out.
public static partial class ReportPage
{
    /// <summary>More lanes than this make bars too thin to read: the chart then keeps waves and outages only.</summary>
    internal const int MaxGanttLanes = 60;

    private static readonly string[] ReducedCategories = ["wave", "outage"];

    /// <param name="Lanes">The lanes to draw, top to bottom: by first start, a wave before a host at the same time.</param>
    /// <param name="Categories">The categories to draw, or null for all.</param>
    /// <param name="Note">What the caption says about lanes left out; empty when none are.</param>
    private sealed record GanttView(IReadOnlyList<string> Lanes, IReadOnlyList<string>? Categories, string Note)
    {
        /// <remarks>Mirrors report.js: when the timeline has no "wave" bars, each of <c>typical.waves</c> is one,
        /// in the lane "wave N".</remarks>
        public static GanttView Of(JsonElement typical)
        {
            var bars = Items(typical, "timeline")
                .Select(b => (Lane: Text(b, "lane"), Category: Text(b, "category") ?? "", Start: Number(b, "start")))
                .Where(b => b.Lane is not null && b.Start is not null)
                .Select(b => (Lane: b.Lane!, b.Category, Start: b.Start!.Value))
                .ToList();
            if (!bars.Any(b => b.Category == "wave"))
                bars.AddRange(Items(typical, "waves")
                    .Where(w => Text(w, "wave") is not null && Number(w, "start") is not null)
                    .Select(w => (Lane: "wave " + Text(w, "wave"), Category: "wave", Start: Number(w, "start")!.Value)));

            var all = Ordered(bars);
            if (all.Count <= MaxGanttLanes) return new GanttView(all, null, "");
            var kept = Ordered(bars.Where(b => ReducedCategories.Contains(b.Category)));
            var note = string.Create(CultureInfo.InvariantCulture,
                $"The run has {all.Count} lanes, too many to read: only waves and outages are shown");
            if (kept.Count > MaxGanttLanes)
            {
                note += string.Create(CultureInfo.InvariantCulture, $", in the first {MaxGanttLanes} of their {kept.Count} lanes");
                kept = [.. kept.Take(MaxGanttLanes)];
            }
            return new GanttView(kept, ReducedCategories, note + ".");
        }

        private static List<string> Ordered(IEnumerable<(string Lane, string Category, double Start)> bars) =>
            bars.Select((b, index) => (b.Lane, b.Category, b.Start, Index: index))
                .GroupBy(b => b.Lane, StringComparer.Ordinal)
                .Select(g => (Lane: g.Key, First: g.Min(b => b.Start), Wave: g.Any(b => b.Category == "wave"), Index: g.Min(b => b.Index)))
                .OrderBy(l => l.First).ThenBy(l => l.Wave ? 0 : 1).ThenBy(l => l.Index)
                .Select(l => l.Lane)
                .ToList();
    }
}
