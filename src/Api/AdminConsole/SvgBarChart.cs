using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using PasswordManager.Application.Auth.Administration.ConsoleAccess.GetConsoleOverview;

namespace PasswordManager.Api.AdminConsole;

/// <summary>
/// A bar chart of daily counts as inline SVG, drawn on the server: no script, no style attribute (the CSP allows
/// neither), sizes as SVG attributes, and a title and description for screen readers.
/// </summary>
internal static class SvgBarChart
{
    private const int Width = 420;
    private const int Height = 160;
    private const int AxisHeight = 20;
    private const int TopMargin = 14;

    public static IHtmlContent Render(string title, IReadOnlyList<DailyCount> days, string barClass)
    {
        ArgumentNullException.ThrowIfNull(days);
        var html = HtmlEncoder.Default;
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => d.Count));
        var slot = (double)Width / Math.Max(1, days.Count);
        var plot = Height - AxisHeight - TopMargin;
        var id = "chart-" + barClass + "-" + Math.Abs(StringComparer.Ordinal.GetHashCode(title)).ToString(CultureInfo.InvariantCulture);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{html.Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-d\">{html.Encode(string.Join(", ", days.Select(d => $"{d.Day:MMM d}: {d.Count}")))}</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"0\" y1=\"{Height - AxisHeight}\" x2=\"{Width}\" y2=\"{Height - AxisHeight}\" />");
        for (var i = 0; i < days.Count; i++)
        {
            var (day, count) = (days[i].Day, days[i].Count);
            var barHeight = count == 0 ? 0 : Math.Max(1, plot * count / (double)max);
            var x = i * slot + slot * 0.15;
            var y = Height - AxisHeight - barHeight;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar {barClass}\" x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{barHeight:0.#}\"><title>{day:yyyy-MM-dd}: {count}</title></rect>");
            if (count > 0)
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + slot * 0.35:0.#}\" y=\"{y - 3:0.#}\" text-anchor=\"middle\">{count}</text>");
            if (i % 2 == 0 || days.Count <= 7)
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + slot * 0.35:0.#}\" y=\"{Height - 6}\" text-anchor=\"middle\">{day:MM-dd}</text>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
