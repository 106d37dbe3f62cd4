using Microsoft.Extensions.Primitives;

namespace ConsentKit;

/// <summary>
/// Finds the record cookie's values in the request's <c>Cookie</c> header without parsing every other cookie into
/// objects, as browsers send it: pairs separated by <c>;</c>, a name and a value split at the first <c>=</c>, white
/// space around both ignored, a value in double quotes unquoted. ASP.NET Core's parser
/// (<c>CookieHeaderValue.TryParseList</c>) silently skips a pair whose value it finds malformed, so a record mangled on
/// the way (a space or a comma in it) read as no record at all and the opt-out modules it may hold ran again. Here such
/// a value is found and handed to the codec, which reads it as unreadable: opt-out modules wait (rule 1).
/// </summary>
internal static class RecordCookieValues
{
    /// <summary>The first value for <paramref name="name"/>; <paramref name="count"/> is how many the header holds.</summary>
    public static ReadOnlySpan<char> First(StringValues header, string name, out int count)
    {
        count = Scan(header, name, null, out var first);
        if (count == 0)
        {
            // Not found as a pair: a proxy may have folded two Cookie headers into one with a comma ("a=1, name=…"),
            // which no browser sends and the pair scan reads as one cookie named "a". If the name appears at a token
            // boundary, the record arrived but is not read: it counts as unreadable, so opt-out modules wait and the
            // banner asks again. Its value is never used: it may sit inside another cookie's value, which a sibling
            // subdomain can set, and reading it would let that subdomain pass off a record the __Host- prefix keeps out.
            first = Folded(header, name, out count);
        }

        return first;
    }

    /// <summary>A value outside the record's alphabet: the codec reads it as unreadable.</summary>
    private const string Unreadable = "!";

    private static ReadOnlySpan<char> Folded(StringValues header, string name, out int count)
    {
        count = 0;
        for (var h = 0; h < header.Count; h++)
        {
            var text = (header[h] ?? "").AsSpan();
            var from = 0;
            while (from < text.Length)
            {
                var at = text[from..].IndexOf(name, StringComparison.Ordinal);
                if (at < 0)
                {
                    break;
                }

                at += from;
                var after = at + name.Length;
                var boundary = at == 0 || text[at - 1] is ';' or ',' or ' ' or '\t';
                var rest = text[after..].TrimStart(" \t");
                if (boundary && rest.Length > 0 && rest[0] == '=')
                {
                    count = 1;
                    return Unreadable;
                }

                from = after;
            }
        }

        return default;
    }

    /// <summary>Every value for <paramref name="name"/>, in header order (for the rare request that carries duplicates).</summary>
    public static List<string> All(StringValues header, string name)
    {
        var values = new List<string>(2);
        Scan(header, name, values, out _);
        return values;
    }

    /// <summary>The pairs named <paramref name="name"/>, in header order: counted, the first kept, each added to <paramref name="all"/> when given.</summary>
    private static int Scan(StringValues header, string name, List<string>? all, out ReadOnlySpan<char> first)
    {
        var count = 0;
        first = default;
        for (var h = 0; h < header.Count; h++)
        {
            var rest = (header[h] ?? "").AsSpan();
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf(';');
                var pair = end < 0 ? rest : rest[..end];
                rest = end < 0 ? default : rest[(end + 1)..];
                if (Matches(pair, name, out var value))
                {
                    if (count++ == 0)
                    {
                        first = value;
                    }

                    all?.Add(value.ToString());
                }
            }
        }

        return count;
    }

    private static bool Matches(ReadOnlySpan<char> pair, string name, out ReadOnlySpan<char> value)
    {
        value = default;
        var equals = pair.IndexOf('=');
        if (equals < 0 || !pair[..equals].Trim(" \t").SequenceEqual(name))
        {
            return false;
        }

        value = pair[(equals + 1)..].Trim(" \t");

        // A quoted value is unquoted; an empty pair of quotes stays as it is, so it reads as unreadable, not as no record.
        if (value.Length > 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        return true;
    }
}
