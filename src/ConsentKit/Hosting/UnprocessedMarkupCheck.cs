using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>
/// Development only: watches HTML responses for ConsentKit markup that nothing processed, a <c>consent-module=</c>
/// attribute or a <c>&lt;consent-…&gt;</c> element. That happens when tag helpers are used where they do not run (Razor
/// components) or without <c>@addTagHelper</c>; the gated markup then goes out live and nothing else says so.
/// The body passes through unchanged; only a short tail is kept between writes so a split name is still found.
/// </summary>
internal sealed class UnprocessedMarkupCheck(RequestDelegate next, ILogger<UnprocessedMarkupCheck> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var original = context.Features.Get<IHttpResponseBodyFeature>();
        if (original is null)
        {
            await next(context);
            return;
        }

        var scanner = new ScanningStream(context, original.Stream, logger);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(scanner, original));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(original);
        }
    }

    /// <summary>The byte patterns; what follows a hit (up to <c>&gt;</c>) names the element in the log.</summary>
    internal static readonly byte[][] Patterns = [Encoding.ASCII.GetBytes("consent-module="), Encoding.ASCII.GetBytes("<consent-")];

    // Enough of the previous write to see a pattern split across writes and most of the element it sits in.
    private const int Tail = 256;

    private sealed class ScanningStream(HttpContext context, Stream inner, ILogger logger) : Stream
    {
        private readonly byte[] _tail = new byte[Tail];
        private int _tailLength;
        private bool? _html;
        private bool _reported;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Scan(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Scan(buffer.Span);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Scan(ReadOnlySpan<byte> chunk)
        {
            _html ??= context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
            if (_reported || _html == false || chunk.IsEmpty)
            {
                return;
            }

            // The previous write's last bytes and this one's first, so a pattern split across writes is seen.
            var joined = new byte[_tailLength + chunk.Length];
            _tail.AsSpan(0, _tailLength).CopyTo(joined);
            chunk.CopyTo(joined.AsSpan(_tailLength));
            if (Find(joined) is { } element)
            {
                _reported = true;
                Log.UnprocessedMarkup(logger, context.Request.Path.Value ?? "", element);
                return;
            }

            _tailLength = Math.Min(Tail, joined.Length);
            joined.AsSpan(joined.Length - _tailLength).CopyTo(_tail);
        }
    }

    /// <summary>The first unprocessed ConsentKit markup in <paramref name="html"/>, as written (at most 80 characters), or null.</summary>
    internal static string? Find(ReadOnlySpan<byte> html)
    {
        foreach (var pattern in Patterns)
        {
            var at = html.IndexOf(pattern);
            if (at < 0)
            {
                continue;
            }

            // Name the element: back to its '<' for an attribute, forward to its '>' (or 80 bytes).
            var open = html[..at].LastIndexOf((byte)'<');
            var start = pattern[0] == (byte)'<' || open < 0 ? at : open;
            var rest = html[start..];
            var end = rest.IndexOf((byte)'>');
            var length = Math.Min(end < 0 ? rest.Length : end + 1, 80);
            return Encoding.UTF8.GetString(rest[..length]);
        }

        return null;
    }
}
