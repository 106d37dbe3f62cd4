using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.IntegrationTests;

/// <summary>Hostile input and load: seeded fuzzing, strict HTML parsing, concurrency. Never a 500, never a silent grant.</summary>
public class HardeningTests
{
    private const int Cases = 100_000;

    private static bool Grants(string state) => state.Contains("analytics=Allowed") || state.Contains("video=Allowed");

    [Fact]
    public async Task Fuzz_CookieDecodingNeverThrowsNeverAnswers500AndNeverGrantsWithoutAValidRecord()
    {
        await using var pipeline = await Pipeline.StartAsync();
        var codec = pipeline.Services.GetRequiredService<ConsentRecordCodec>();
        var catalog = pipeline.Services.GetRequiredService<TransmissionCatalog>();
        var valid = codec.Encode(Guid.NewGuid(), DateTimeOffset.UtcNow, 0,
            [RecordEntry.For(catalog.Find("analytics")!, RecordedDecision.Granted, ConsentRecordCodec.DayOf(DateTimeOffset.UtcNow))]);
        var validBytes = WebEncoders.Base64UrlDecode(valid);
        (await pipeline.SendAsync("GET", "/state", configure: r => r.Headers.Cookie = ".ConsentKit=" + valid)).Body.Should().Contain("analytics=Allowed", "the valid record grants");

        var random = new Random(20261126);
        var granted = 0;
        for (var i = 0; i < Cases; i++)
        {
            string cookie;
            switch (i % 4)
            {
                case 0: // flip bytes of a valid record
                    var bytes = (byte[])validBytes.Clone();
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                    cookie = WebEncoders.Base64UrlEncode(bytes);
                    break;
                case 1: // truncate or extend a valid record
                    cookie = random.Next(2) == 0 ? valid[..random.Next(valid.Length)] : valid + RandomText(random, random.Next(1, 64));
                    break;
                case 2: // random base64url of plausible length
                    var noise = new byte[random.Next(0, 400)];
                    random.NextBytes(noise);
                    cookie = WebEncoders.Base64UrlEncode(noise);
                    break;
                default: // arbitrary text, including separators and very long values
                    cookie = RandomText(random, random.Next(0, random.Next(10) == 0 ? 9000 : 200));
                    break;
            }

            var failure = codec.TryOpen(cookie, DateTimeOffset.UtcNow, out _);
            if (failure == RecordFailure.None && cookie.Length > 0)
            {
                granted++;
            }

            if (i % 100 == 0)
            {
                // Through the real middleware too, on a sample of the cases.
                var (status, body, _) = await pipeline.SendAsync("GET", "/state", configure: r => r.Headers.Cookie = ".ConsentKit=" + cookie);
                status.Should().Be(200);
                Grants(body).Should().BeFalse($"case {i}: '{cookie}' must not grant");
            }
        }

        granted.Should().Be(0, "no altered, truncated or forged value may open as a record");
    }

    [Fact]
    public async Task Fuzz_ChoiceEndpointFormAndJsonParsingNeverThrowsNeverAnswers500AndNeverGrantsCrossSite()
    {
        await using var pipeline = await Pipeline.StartAsync();
        var random = new Random(1126);
        string[] pieces = ["action", "accept-all", "grant", "module", "analytics", "allow", "=", "&", "%", "%zz", "{", "}", "[", "]", "\"", ":", ",",
            "null", "true", "1e999", "\\u0000", "__RequestVerificationToken", "returnUrl", "//evil", "\uFFFF", "あ", "\r\n", "--", "boundary"];
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < Cases; i++)
        {
            var json = i % 2 == 0;
            var text = new StringBuilder();
            var n = random.Next(0, 24);
            for (var k = 0; k < n; k++)
            {
                text.Append(random.Next(5) == 0 ? RandomText(random, random.Next(1, 8)) : pieces[random.Next(pieces.Length)]);
            }

            var sameOrigin = random.Next(3) == 0;
            var crossSite = false;
            var (status, _, headers) = await pipeline.SendAsync("POST", "/external-transmission/choices",
                json ? "application/json" : (random.Next(4) == 0 ? "multipart/form-data; boundary=boundary" : "application/x-www-form-urlencoded"),
                Encoding.UTF8.GetBytes(text.ToString()),
                r =>
                {
                    if (sameOrigin)
                    {
                        r.Headers.Origin = "http://localhost";
                    }
                    else if (random.Next(2) == 0)
                    {
                        r.Headers.Origin = "https://evil.example";
                        r.Headers["Sec-Fetch-Site"] = "cross-site";
                        crossSite = true;
                    }
                });

            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            status.Should().BeLessThan(500, $"case {i}: {text}");
            if (crossSite)
            {
                status.Should().Be(403, $"case {i}: a cross-site request is refused before its body is read");
                headers.SetCookie.ToString().Should().NotContain(".ConsentKit=", $"case {i}: a cross-site request changes nothing");
            }
        }

        statuses.Keys.Should().Contain([400, 403], "the fuzzer reaches both the parser and the origin checks");
    }

    [Fact]
    public async Task NoticePageAndBannerAreValidHtmlUnderAStrictHtml5Parser()
    {
        var strict = new HtmlParser(new HtmlParserOptions { IsStrictMode = true });
        await using var pipeline = await Pipeline.StartAsync();
        foreach (var path in new[] { "/external-transmission", "/external-transmission?lang=en" })
        {
            var (_, html, _) = await pipeline.SendAsync("GET", path);
            var parse = () => strict.ParseDocument(html);
            parse.Should().NotThrow(path);
        }

        using var factory = new SampleFactory();
        var client = factory.CreateClient();
        foreach (var path in new[] { "/articles/harbor-festival", "/", "/my-privacy", "/external-transmission" })
        {
            var html = await client.GetStringAsync(path);
            var parse = () => strict.ParseDocument(html);
            parse.Should().NotThrow(path);
        }
    }

    [Fact]
    public async Task ConcurrentRequestsWithDifferentCookiesEachSeeOnlyTheirOwnState()
    {
        await using var pipeline = await Pipeline.StartAsync();
        var codec = pipeline.Services.GetRequiredService<ConsentRecordCodec>();
        var catalog = pipeline.Services.GetRequiredService<TransmissionCatalog>();
        var today = ConsentRecordCodec.DayOf(DateTimeOffset.UtcNow);
        var decisions = new[] { RecordedDecision.Granted, RecordedDecision.Denied, RecordedDecision.None };
        var visitors = Enumerable.Range(0, 64).Select(i =>
        {
            var analytics = decisions[i % 3];
            var ads = i % 2 == 0 ? RecordedDecision.OptedOut : RecordedDecision.OptedIn;
            var entries = new List<RecordEntry> { RecordEntry.For(catalog.Find("ads")!, ads, today) };
            if (analytics != RecordedDecision.None)
            {
                entries.Add(RecordEntry.For(catalog.Find("analytics")!, analytics, today));
            }

            var expected = $"analytics={(analytics switch { RecordedDecision.Granted => "Allowed", RecordedDecision.Denied => "Denied", _ => "Pending" })};" +
                           $"ads={(ads == RecordedDecision.OptedOut ? "OptedOut" : "Allowed")};";
            return (Cookie: codec.Encode(Guid.NewGuid(), DateTimeOffset.UtcNow, 0, entries), Expected: expected);
        }).ToArray();

        var mismatches = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 20_000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var visitor = visitors[i % visitors.Length];
            var (_, body, _) = await pipeline.SendAsync("GET", "/state", configure: r => r.Headers.Cookie = ".ConsentKit=" + visitor.Cookie);
            if (!body.StartsWith(visitor.Expected, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        mismatches.Should().Be(0);
    }

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)(random.Next(10) switch
            {
                0 => random.Next(0, 32),
                1 => random.Next(0x3040, 0x30FF),
                2 => random.Next(0xD800, 0xDFFF),
                _ => random.Next(32, 127),
            });
        }

        return new string(chars);
    }
}
