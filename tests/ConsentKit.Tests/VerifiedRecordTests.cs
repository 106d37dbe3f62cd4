using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace ConsentKit.Tests;

/// <summary>
/// Reading the record cookie: a returning visitor's unchanged value is verified once per day and instance, never
/// trusted past its key or its day, and found in the Cookie header even when another cookie there is malformed.
/// </summary>
public class VerifiedRecordTests
{
    private readonly TestKeyRing _ring = new();

    private static VerifiedRecords Verified(Harness h) => h.Services.Cookies.Verified;

    [Fact]
    public void R36_A_mangled_record_value_holds_opt_out_modules_instead_of_reading_as_no_record()
    {
        // A proxy or a script mangled the record (a space and a comma in it). The old reader used CookieHeaderValue,
        // which skips such a pair silently: no record, so the OptOut module ran although the visitor may have stopped it.
        var h = new Harness();
        var cookie = h.Cookie(("ads", RecordedDecision.OptedOut));
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "a=1; " + h.Catalog.CookieName + "=" + cookie[..8] + " ," + cookie[8..];

        var feature = h.Services.Create(context);

        feature.GetStatus("ads").Should().Be(TransmissionStatus.Pending, "unreadable, not absent: the opt-out it may hold is not undone");
        feature.HasPending.Should().BeTrue("the banner asks again");
    }

    [Fact]
    public void R36_An_opt_out_is_read_when_other_cookies_in_the_header_are_malformed()
    {
        // Someone else's cookies with a space and a stray quote in their values do not hide the record. (A regression
        // guard: ASP.NET Core's parser, used before, passes this too.)
        var h = new Harness();
        var cookie = h.Cookie(("ads", RecordedDecision.OptedOut), ("analytics", RecordedDecision.Denied));
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "theme=dark mode; tracker=\"unterminated; " + h.Catalog.CookieName + "=" + cookie + "; last=1";

        var feature = h.Services.Create(context);

        feature.GetStatus("ads").Should().Be(TransmissionStatus.OptedOut);
        feature.GetStatus("analytics").Should().Be(TransmissionStatus.Denied);
    }

    [Fact]
    public void The_record_cookie_is_found_with_spaces_quotes_and_in_a_second_header_line()
    {
        var h = new Harness();
        var cookie = h.Cookie(("analytics", RecordedDecision.Granted));

        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = new Microsoft.Extensions.Primitives.StringValues(["a=1", " " + h.Catalog.CookieName + " = \"" + cookie + "\" "]);
        h.Services.Create(context).GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);

        // A cookie whose name only ends with the record's name is someone else's.
        var other = new DefaultHttpContext();
        other.Request.Headers.Cookie = "x" + h.Catalog.CookieName + "=" + cookie;
        h.Services.Create(other).GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
    }

    [Fact]
    public void A_returning_visitors_unchanged_record_is_verified_once_and_then_read_from_memory()
    {
        var h = new Harness();
        var cookie = h.Cookie(("analytics", RecordedDecision.Granted), ("ads", RecordedDecision.OptedOut));

        h.Request(cookie).GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);
        Verified(h).Count.Should().Be(1);
        for (var i = 0; i < 5; i++)
        {
            var f = h.Request(cookie);
            f.GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);
            f.GetStatus("ads").Should().Be(TransmissionStatus.OptedOut);
        }

        Verified(h).Count.Should().Be(1, "the same value is one entry");
    }

    [Fact]
    public async Task A_change_in_one_request_does_not_leak_into_the_remembered_record_or_its_views()
    {
        var h = new Harness();
        var cookie = h.Cookie(("analytics", RecordedDecision.Granted));
        _ = h.Request(cookie).Modules;

        var changing = h.Request(cookie);
        _ = changing.Modules;
        await changing.ApplyAsync(new ConsentChange { Action = ConsentAction.Withdraw, Modules = ["analytics"] });
        changing.GetStatus("analytics").Should().Be(TransmissionStatus.Denied);

        h.Request(cookie).GetStatus("analytics").Should().Be(TransmissionStatus.Allowed, "the other request's copy is its own");
    }

    [Fact]
    public void Tampered_and_unreadable_values_are_never_remembered()
    {
        var h = new Harness();
        var cookie = h.Cookie(("analytics", RecordedDecision.Granted));
        var tampered = cookie[..10] + (cookie[10] == 'A' ? 'B' : 'A') + cookie[11..];

        for (var i = 0; i < 3; i++)
        {
            h.Request(tampered).GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
            h.Request("not base64!").GetStatus("ads").Should().Be(TransmissionStatus.Pending);
        }

        Verified(h).Count.Should().Be(0);
    }

    [Fact]
    public void Rule1_A_remembered_record_stops_counting_in_the_same_instance_when_its_key_is_revoked()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var h = new Harness(codec: _ring.Codec(time: clock));
        var cookie = h.Cookie(("analytics", RecordedDecision.Granted), ("ads", RecordedDecision.OptedOut));
        h.Request(cookie).GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);
        h.Request(cookie).GetStatus("analytics").Should().Be(TransmissionStatus.Allowed, "read from memory");
        Verified(h).Count.Should().Be(1);

        _ring.Keys.RevokeAllKeys(DateTimeOffset.UtcNow.AddSeconds(1), "test");
        clock.Advance(TimeSpan.FromMinutes(2)); // the key ring is read again at most once a minute

        var f = h.Request(cookie);
        f.GetStatus("analytics").Should().Be(TransmissionStatus.Pending, "a revoked key's record grants nothing, remembered or not");
        f.GetStatus("ads").Should().Be(TransmissionStatus.Pending, "and holds the opt-out it may contain");
        Verified(h).Count.Should().Be(0, "the entry is dropped");
    }

    [Fact]
    public void R36_A_record_in_a_comma_folded_header_holds_opt_out_modules_and_is_never_read()
    {
        // A proxy folded two Cookie headers with a comma. The old parser and the pair scan see no record, so the
        // OptOut module ran. Now it counts as arrived but unreadable: held, banner shown, nothing granted.
        var h = new Harness();
        var cookie = h.Cookie(("analytics", RecordedDecision.Granted), ("ads", RecordedDecision.OptedOut));
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "a=1, " + h.Catalog.CookieName + "=" + cookie;

        var feature = h.Services.Create(context);

        feature.GetStatus("ads").Should().Be(TransmissionStatus.Pending);
        feature.GetStatus("analytics").Should().Be(TransmissionStatus.Pending, "a value found inside another cookie never grants");
        feature.Record.Arrived.Should().BeTrue();
    }

    [Fact]
    public void R36_An_empty_quoted_record_holds_opt_out_modules()
    {
        var h = new Harness();
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = h.Catalog.CookieName + "=\"\"";

        h.Services.Create(context).GetStatus("ads").Should().Be(TransmissionStatus.Pending, "unreadable, as the old parser read it");
    }

    [Fact]
    public void A_remembered_record_is_read_again_the_next_day_so_expired_entries_drop_out()
    {
        var h = new Harness();
        var cookie = h.Cookie(("analytics", RecordedDecision.Granted));
        h.Request(cookie).GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);

        h.Time.Advance(h.Catalog.CookieLifetime + TimeSpan.FromDays(1));

        var later = h.Request(cookie);
        later.GetStatus("analytics").Should().Be(TransmissionStatus.Pending, "the decision expired; a remembered read of yesterday must not keep it");
    }

    [Fact]
    public void The_memory_is_bounded_and_a_flood_of_values_keeps_it_at_its_capacity()
    {
        var verified = new VerifiedRecords(moduleCount: 500, characterBudget: 100_000);
        verified.Capacity.Should().Be(64, "at 500 modules a value is about 4 KB: the budget allows the floor of 64");
        var record = new VisitorRecord(1);
        for (var i = 0; i < 1000; i++)
        {
            verified.Add("value-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 100, new VerifiedKey(1, [1]), record);
        }

        verified.Count.Should().BeLessThanOrEqualTo(verified.Capacity + 2);
        new VerifiedRecords(moduleCount: 20).Capacity.Should().BeGreaterThan(1000, "a small site keeps many visitors");
    }
}
