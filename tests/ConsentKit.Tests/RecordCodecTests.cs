using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace ConsentKit.Tests;

public class RecordCodecTests
{
    private readonly Harness _h = new();

    [Fact]
    public void A_written_record_reads_back()
    {
        var cookie = _h.Cookie(("analytics", RecordedDecision.Granted), ("ads", RecordedDecision.OptedOut));
        _h.Codec.TryOpen(cookie, _h.Time.GetUtcNow(), out var payload).Should().Be(RecordFailure.None);
        ConsentRecordCodec.CountOf(payload).Should().Be(2);
        ConsentRecordCodec.EntryAt(payload, 1).Decision.Should().Be(RecordedDecision.OptedOut);
    }

    [Fact]
    public void Tampered_cookie_counts_as_no_decision_and_never_as_a_grant()
    {
        var cookie = _h.Cookie(("analytics", RecordedDecision.Denied));
        var bytes = WebEncoders.Base64UrlDecode(cookie);
        bytes[^5] ^= 0x01;
        var tampered = WebEncoders.Base64UrlEncode(bytes);

        _h.Codec.TryOpen(tampered, _h.Time.GetUtcNow(), out _).Should().Be(RecordFailure.Tampered);
        var f = _h.Request(tampered);
        f.GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
        f.ReceiptId.Should().BeNull();
    }

    [Fact]
    public void A_record_protected_with_another_key_is_rejected()
    {
        var other = new ConsentRecordCodec(new EphemeralDataProtectionProvider());
        var foreign = other.Encode(Guid.NewGuid(), _h.Time.GetUtcNow(), 0, [RecordEntry.For(_h.Catalog.Find("analytics")!, RecordedDecision.Granted, 0)]);
        _h.Request(foreign).GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("!!!not-base64!!!")]
    [InlineData("")]
    public void Hand_written_values_are_not_decisions(string value)
    {
        _h.Request(value).GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
    }

    [Fact]
    public void Truncated_cookie_is_rejected()
    {
        var cookie = _h.Cookie(("analytics", RecordedDecision.Granted));
        _h.Codec.TryOpen(cookie[..(cookie.Length / 2)], _h.Time.GetUtcNow(), out _).Should().NotBe(RecordFailure.None);
    }

    [Fact]
    public void Oversize_cookie_is_rejected_before_decryption()
    {
        _h.Codec.TryOpen(new string('A', 5000), _h.Time.GetUtcNow(), out _).Should().Be(RecordFailure.Oversize);
    }

    [Fact]
    public void Unknown_version_is_rejected()
    {
        var protector = new EphemeralDataProtectionProvider();
        var codec = new ConsentRecordCodec(protector);
        var payload = new byte[ConsentRecordCodec.HeaderSize];
        payload[0] = 9;
        var cookie = WebEncoders.Base64UrlEncode(protector.CreateProtector("ConsentKit.ConsentRecord", "v2", "").Protect(payload));
        codec.TryOpen(cookie, _h.Time.GetUtcNow(), out _).Should().Be(RecordFailure.UnknownVersion);
    }

    [Fact]
    public void A_version_1_record_is_not_migrated_and_holds_opt_out_modules_until_the_banner()
    {
        // v1: version(1) issuedAt(8) receipt(16) flags(1) count(2) + [fingerprint(8) decision(1) day(2)], under its own purpose.
        var protector = new EphemeralDataProtectionProvider();
        var h = new Harness(codec: new ConsentRecordCodec(protector));
        var payload = new byte[28 + 11];
        payload[0] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(1), h.Time.GetUtcNow().ToUnixTimeSeconds());
        payload[27] = 1;
        payload[28 + 8] = (byte)RecordedDecision.OptedOut;
        var cookie = WebEncoders.Base64UrlEncode(protector.CreateProtector("ConsentKit.ConsentRecord.v1").Protect(payload));

        h.Codec.TryOpen(cookie, h.Time.GetUtcNow(), out _).Should().Be(RecordFailure.UnknownVersion);
        h.Request(cookie).GetStatus("ads").Should().Be(TransmissionStatus.Pending);
    }

    [Fact]
    public void A_record_from_the_future_is_rejected()
    {
        var cookie = _h.Codec.Encode(Guid.NewGuid(), _h.Time.GetUtcNow().AddDays(2), 0, []);
        _h.Codec.TryOpen(cookie, _h.Time.GetUtcNow(), out _).Should().Be(RecordFailure.FromTheFuture);
    }

    [Fact]
    public void Budget_CookieStaysUnder4KBWith200Modules()
    {
        var o = new ExternalTransmissionOptions();
        o.Operator.Name = "株式会社テスト";
        for (var i = 0; i < 200; i++)
        {
            o.AddModule($"module-{i:000}", m => Declarations.Consent(m));
        }

        var h = new Harness(o);
        var cookie = h.Cookie(h.Catalog.Modules.Select(m => (m.Id, RecordedDecision.Granted)).ToArray());
        var header = $"{h.Catalog.CookieName}={cookie}; max-age=15552000; path=/; secure; samesite=lax; httponly";
        header.Length.Should().BeLessThanOrEqualTo(4096);
        h.Request(cookie).Modules.Should().OnlyContain(s => s.Status == TransmissionStatus.Allowed);
    }
}

public class BoundedCacheTests
{
    [Fact]
    public void A_value_verified_once_is_verified_again_every_time_and_a_one_character_change_fails()
    {
        var h = new Harness();
        var cookie = h.Cookie(("analytics", RecordedDecision.Granted));
        h.Codec.TryOpen(cookie, h.Time.GetUtcNow(), out var first).Should().Be(RecordFailure.None);
        h.Codec.TryOpen(cookie, h.Time.GetUtcNow(), out var second).Should().Be(RecordFailure.None);
        second.Should().Equal(first);

        // A character in the middle: every one of its 6 bits is data. (The last character of base64url can carry unused
        // bits, and changing only those decodes to the same bytes, so the test would pass or fail with the MAC's value.)
        var at = cookie.Length / 2;
        var altered = cookie[..at] + (cookie[at] == 'A' ? 'B' : 'A') + cookie[(at + 1)..];
        h.Codec.TryOpen(altered, h.Time.GetUtcNow(), out var payload).Should().NotBe(RecordFailure.None);
        payload.Should().BeEmpty();
        h.Codec.TryOpen(altered, h.Time.GetUtcNow(), out _).Should().NotBe(RecordFailure.None);
    }

    [Fact]
    public void A_record_is_checked_against_the_clock()
    {
        var h = new Harness();
        var cookie = h.Codec.Encode(Guid.NewGuid(), h.Time.GetUtcNow(), 0, []);
        h.Codec.TryOpen(cookie, h.Time.GetUtcNow().AddHours(-1), out var payload).Should().Be(RecordFailure.FromTheFuture);
        payload.Should().BeEmpty();
    }

    [Fact]
    public void The_bounded_cache_never_grows_past_its_capacity_and_expires_entries()
    {
        var cache = new BoundedCache<int>(capacity: 10, lifetime: TimeSpan.FromMinutes(1));
        for (var i = 0; i < 1000; i++)
        {
            cache.Set("k" + i, i);
            cache.Count.Should().BeLessThanOrEqualTo(10);
        }

        cache.TryGet("k999", out var last).Should().BeTrue();
        last.Should().Be(999);

        var expiring = new BoundedCache<int>(capacity: 10, lifetime: TimeSpan.Zero);
        expiring.Set("a", 1);
        expiring.TryGet("a", out _).Should().BeFalse();
    }

    [Fact]
    public void A_full_cache_drops_one_entry_per_insert_not_everything()
    {
        var cache = new BoundedCache<int>(capacity: 100, lifetime: TimeSpan.FromMinutes(1));
        for (var i = 0; i < 100; i++)
        {
            cache.Set("k" + i, i);
        }

        cache.Set("new", -1);

        cache.Count.Should().Be(100);
        Enumerable.Range(0, 100).Count(i => cache.TryGet("k" + i, out _)).Should().Be(99, "one entry made room; the old cache wiped all of them");
        cache.TryGet("new", out _).Should().BeTrue();
    }

    [Fact]
    public void Setting_an_existing_key_does_not_count_twice()
    {
        var cache = new BoundedCache<int>(capacity: 3, lifetime: TimeSpan.FromMinutes(1));
        for (var i = 0; i < 50; i++)
        {
            cache.Set("same", i);
        }

        cache.Count.Should().Be(1);
        cache.TryGet("same", out var value).Should().BeTrue();
        value.Should().Be(49);
    }
}
