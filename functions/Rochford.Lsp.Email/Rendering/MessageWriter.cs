// Writes one message as HTML and plain text side by side, so the two versions always say the same thing.
// Every string from data passes through Encode before it reaches the HTML; only this file writes markup.

using System.Text;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Email.Rendering;

/// <summary>Builds the HTML and text bodies of one message, block by block.</summary>
/// <remarks>HTML is simple and accessible: inline styles only, no scripts, no images, GOV.UK colours and sizes.</remarks>
internal sealed class MessageWriter
{
    private const string Text = "color:#0b0c0c;font-family:Arial,sans-serif;";
    private const string ParagraphStyle = Text + "font-size:19px;line-height:1.32;margin:0 0 20px 0;";
    private readonly StringBuilder html = new();
    private readonly StringBuilder text = new();
    private readonly List<RenderedLink> links = [];

    public IReadOnlyList<RenderedLink> Links => links;

    public string HtmlBody => html.ToString();

    public string TextBody => text.ToString().TrimEnd() + "\n";

    /// <summary>Encodes text for HTML element content and attribute values (both quote kinds included).</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 16);
        foreach (var ch in value)
        {
            builder.Append(ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => ch.ToString(),
            });
        }
        return builder.ToString();
    }

    public void Title(string title)
    {
        html.Append($"<h1 style=\"{Text}font-size:32px;line-height:1.1;font-weight:bold;margin:0 0 30px 0;\">{Encode(title)}</h1>\n");
        text.Append(title).Append('\n').Append(new string('=', Math.Min(title.Length, 70))).Append("\n\n");
    }

    public void Heading(string heading)
    {
        html.Append($"<h2 style=\"{Text}font-size:24px;line-height:1.25;font-weight:bold;margin:30px 0 15px 0;\">{Encode(heading)}</h2>\n");
        text.Append(heading).Append('\n').Append(new string('-', Math.Min(heading.Length, 70))).Append("\n\n");
    }

    public void Paragraph(string paragraph)
    {
        html.Append($"<p style=\"{ParagraphStyle}\">{Encode(paragraph)}</p>\n");
        text.Append(paragraph).Append("\n\n");
    }

    /// <summary>Something the reader must not miss: a GOV.UK inset with a thick left border.</summary>
    public void Important(string paragraph)
    {
        html.Append($"<div style=\"border-left:10px solid #d4351c;padding:15px;margin:0 0 20px 0;background:#f3f2f1;\"><p style=\"{Text}font-size:19px;line-height:1.32;font-weight:bold;margin:0;\">{Encode(paragraph)}</p></div>\n");
        text.Append("IMPORTANT: ").Append(paragraph).Append("\n\n");
    }

    /// <summary>Labelled values, as a GOV.UK summary list (a table) and "Label: value" lines.</summary>
    public void Facts(params (string Label, string Value)[] facts)
    {
        html.Append("<table style=\"border-collapse:collapse;width:100%;margin:0 0 20px 0;\">\n");
        foreach (var (label, value) in facts)
        {
            html.Append($"<tr><th scope=\"row\" style=\"{Text}font-size:19px;text-align:left;vertical-align:top;padding:10px 20px 10px 0;border-bottom:1px solid #b1b4b6;width:40%;\">{Encode(label)}</th>")
                .Append($"<td style=\"{Text}font-size:19px;vertical-align:top;padding:10px 0;border-bottom:1px solid #b1b4b6;\">{Encode(value)}</td></tr>\n");
            text.Append(label).Append(": ").Append(value).Append('\n');
        }
        html.Append("</table>\n");
        text.Append('\n');
    }

    public void Bullets(IEnumerable<string> items)
    {
        html.Append($"<ul style=\"{Text}font-size:19px;line-height:1.32;margin:0 0 20px 0;padding-left:20px;\">\n");
        foreach (var item in items)
        {
            html.Append($"<li style=\"margin-bottom:5px;\">{Encode(item)}</li>\n");
            text.Append("- ").Append(item).Append('\n');
        }
        html.Append("</ul>\n");
        text.Append('\n');
    }

    /// <summary>A person's own words (report text): kept as written, line breaks included, set apart from ours.</summary>
    public void Quote(string label, string words)
    {
        var lines = words.ReplaceLineEndings("\n").Split('\n');
        html.Append($"<h3 style=\"{Text}font-size:19px;font-weight:bold;margin:20px 0 10px 0;\">{Encode(label)}</h3>\n")
            .Append($"<div style=\"{Text}font-size:19px;line-height:1.32;border-left:5px solid #b1b4b6;padding:0 0 0 15px;margin:0 0 20px 0;\">")
            .Append(string.Join("<br>", lines.Select(Encode)))
            .Append("</div>\n");
        text.Append(label).Append(":\n");
        foreach (var line in lines)
        {
            text.Append("  > ").Append(line).Append('\n');
        }
        text.Append('\n');
    }

    /// <summary>A table with a header row (HTML) and one line per row (text: "header: value; ...").</summary>
    public void Table(string caption, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        html.Append("<table style=\"border-collapse:collapse;width:100%;margin:0 0 20px 0;\">\n")
            .Append($"<caption style=\"{Text}font-size:19px;font-weight:bold;text-align:left;padding-bottom:10px;\">{Encode(caption)}</caption>\n<tr>");
        foreach (var header in headers)
        {
            html.Append($"<th scope=\"col\" style=\"{Text}font-size:16px;text-align:left;padding:10px 10px 10px 0;border-bottom:1px solid #b1b4b6;\">{Encode(header)}</th>");
        }
        html.Append("</tr>\n");
        text.Append(caption).Append(":\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append($"<td style=\"{Text}font-size:16px;vertical-align:top;padding:10px 10px 10px 0;border-bottom:1px solid #b1b4b6;\">{Encode(cell)}</td>");
            }
            html.Append("</tr>\n");
            text.Append("- ").Append(string.Join("; ", headers.Zip(row, (h, c) => $"{h}: {c}"))).Append('\n');
        }
        html.Append("</table>\n");
        text.Append('\n');
    }

    /// <summary>A link shown as a GOV.UK green button; in text, the words then the full URL on its own line.</summary>
    public void Button(string words, Uri url, LinkPurpose? purpose)
    {
        RequireAbsolute(url);
        links.Add(new RenderedLink(words, url, purpose));
        html.Append($"<p style=\"margin:0 0 20px 0;\"><a href=\"{Encode(url.AbsoluteUri)}\" style=\"display:inline-block;background:#00703c;color:#ffffff;font-family:Arial,sans-serif;font-size:19px;font-weight:bold;text-decoration:none;padding:10px 15px;border-bottom:2px solid #002d18;\">{Encode(words)}</a></p>\n");
        text.Append(words).Append(":\n").Append(url.AbsoluteUri).Append("\n\n");
    }

    /// <summary>A sentence ending in an ordinary link.</summary>
    public void LinkParagraph(string before, string words, Uri url)
    {
        RequireAbsolute(url);
        links.Add(new RenderedLink(words, url, null));
        html.Append($"<p style=\"{ParagraphStyle}\">{Encode(before)} <a href=\"{Encode(url.AbsoluteUri)}\" style=\"color:#1d70b8;\">{Encode(words)}</a>.</p>\n");
        text.Append(before).Append(' ').Append(words).Append(": ").Append(url.AbsoluteUri).Append("\n\n");
    }

    /// <summary>The contact sentence with a mailto link.</summary>
    public void Contact(string before, string name, string email)
    {
        var mailto = "mailto:" + email;
        html.Append($"<p style=\"{ParagraphStyle}\">{Encode(before)} {Encode(name)} at <a href=\"{Encode(mailto)}\" style=\"color:#1d70b8;\">{Encode(email)}</a>.</p>\n");
        text.Append(before).Append(' ').Append(name).Append(" at ").Append(email).Append(".\n\n");
    }

    /// <summary>A thin rule before the footer.</summary>
    public void Rule()
    {
        html.Append("<hr style=\"border:0;border-top:1px solid #b1b4b6;margin:30px 0 20px 0;\">\n");
        text.Append("----\n\n");
    }

    // Relative links break in every mail client; the issuer and BaseUrl must always give absolute ones.
    private static void RequireAbsolute(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http"))
        {
            throw new EmailTemplateException($"The link '{url}' is not an absolute http(s) address; email links must be absolute.");
        }
    }
}
