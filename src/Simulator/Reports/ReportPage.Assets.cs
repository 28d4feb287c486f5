using System.Text;
using System.Text.RegularExpressions;

namespace Escalator.Simulator.Reports;

// The page's stylesheet and scripts, embedded in the assembly by Simulator.csproj (the libraries come from npm ci).
public static partial class ReportPage
{
    private static partial class Assets
    {
        private const string Prefix = "Escalator.Simulator.Reports.";

        public static readonly string Stylesheet = Load("report.css");

        /// <summary>Vega, Vega-Lite and vega-embed, in load order, then the page's own script.</summary>
        public static readonly IReadOnlyList<(string Name, string Source)> Scripts =
        [
            ("vega", Library("vega.min.js")),
            ("vega-lite", Library("vega-lite.min.js")),
            ("vega-embed", Library("vega-embed.min.js")),
            ("report", Load("report.js")),
        ];

        public static readonly int Size = Stylesheet.Length + Scripts.Sum(s => s.Source.Length);

        /// <summary>A minified library, without its source-map comment (the map is not shipped, and a browser would
        /// fetch it) and with any "&lt;/script" written so that it cannot end the inline script early.</summary>
        private static string Library(string name) =>
            SourceMapComment().Replace(Load(name), "").Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

        private static string Load(string name)
        {
            using var stream = typeof(ReportPage).Assembly.GetManifestResourceStream(Prefix + name)
                ?? throw new InvalidOperationException(
                    $"the resource {Prefix + name} is not in {typeof(ReportPage).Assembly.GetName().Name}; the build embeds it " +
                    "from src/Simulator/Reports (libraries: npm ci in src/Simulator/Reports/js)");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        [GeneratedRegex(@"\n?//# sourceMappingURL=\S*\s*$")]
        private static partial Regex SourceMapComment();
    }
}
