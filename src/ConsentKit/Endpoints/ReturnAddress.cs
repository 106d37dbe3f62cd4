using System.Text;
using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>
/// Where a form post without JavaScript returns to. The form carries the page's address decoded (so its length is what
/// the visitor sees, not three bytes per percent-escape); the redirect carries it percent-encoded (headers are ASCII).
/// </summary>
internal static class ReturnAddress
{
    /// <summary>The longest address the form carries, counted in decoded characters.</summary>
    public const int MaxLength = 2048;

    /// <summary>This page's address for the form; when too long, the page's path without its query.</summary>
    public static string ForPage(HttpRequest request)
    {
        var path = request.Path.HasValue ? request.Path.Value! : "/";
        var full = path + request.QueryString.Value;
        return full.Length <= MaxLength ? full : path.Length <= MaxLength ? path : "/";
    }

    /// <summary>Only a path on this site: "/x" but not "//host" or "/\host". Anything else falls back to the notice page.</summary>
    public static string? Local(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || url.Length > MaxLength)
        {
            return null;
        }

        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return null;
        }

        foreach (var c in url)
        {
            if (char.IsControl(c))
            {
                return null;
            }
        }

        return url;
    }

    /// <summary>The address as a Location header: every character outside printable ASCII percent-encoded as UTF-8.</summary>
    public static string ToLocation(string url)
    {
        var ascii = true;
        foreach (var c in url)
        {
            ascii &= c is > ' ' and < (char)0x7F;
        }

        if (ascii)
        {
            return url;
        }

        var sb = new StringBuilder(url.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c is > ' ' and < (char)0x7F)
            {
                sb.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1])
                ? Encoding.UTF8.GetBytes(url.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(url.AsSpan(i, 1), bytes);
            foreach (var b in bytes[..length])
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
