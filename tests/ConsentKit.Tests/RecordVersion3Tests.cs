using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ConsentKit.Tests;

/// <summary>
/// Record format v3: a MAC over the payload with keys derived from the Data Protection key ring. Upgrading from v2
/// keeps every choice (rule 1); tampering, lost keys and rotation behave as with v2.
/// </summary>
public class RecordVersion3Tests
{
    private readonly TestKeyRing _ring = new();

    private Harness NewHarness(ConsentRecordCodec? codec = null) => new(codec: codec ?? _ring.Codec());

    private static string SetCookieValue(HttpContext context, string name) =>
        Microsoft.Net.Http.Headers.SetCookieHeaderValue.ParseList(context.Response.Headers.SetCookie.ToArray()!).Single(c => c.Name == name).Value.ToString();

    /// <summary>Serves one request with this cookie, runs the response-start work, and returns the cookie written (or null).</summary>
    private static async Task<(ExternalTransmissionFeature Feature, string? Written)> ServeAsync(Harness h, string cookie)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = h.Catalog.CookieName + "=" + cookie;
        var feature = h.Services.Create(context);
        _ = feature.Modules;
        await h.Services.ResponseStart.RunAsync(feature);
        var written = context.Response.Headers.SetCookie.Count == 0 ? null : SetCookieValue(context, h.Catalog.CookieName);
        return (feature, written);
    }

    [Fact]
    public void A_new_record_is_version_3_signed_and_shorter_than_version_2()
    {
        var h = NewHarness();
        var v2 = NewHarness(_ring.Version2Codec());
        var decisions = new[] { ("analytics", RecordedDecision.Granted), ("ads", RecordedDecision.OptedOut) };

        var cookie = h.Cookie(decisions);
        var bytes = WebEncoders.Base64UrlDecode(cookie);

        bytes[0].Should().Be(ConsentRecordCodec.Version);
        bytes.Length.Should().Be(ConsentRecordCodec.HeaderSize + ((2 * ConsentRecordCodec.EntryBits + 7) / 8) + ConsentRecordCodec.KeyIdSize + ConsentRecordCodec.TagSize);
        cookie.Length.Should().BeLessThan(v2.Cookie(decisions).Length - 80, "a MAC replaces Data Protection's envelope (key id, key modifier, IV, padding, MAC)");
        h.Codec.WritesVersion3.Should().BeTrue();
        var f = h.Request(cookie);
        f.GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);
        f.GetStatus("ads").Should().Be(TransmissionStatus.OptedOut);
    }

    [Fact]
    public async Task Rule1_A_version_2_record_keeps_every_choice_after_the_upgrade_and_is_reissued_as_version_3()
    {
        // The previous release wrote v2 with the application's key ring; the new release reads the same ring.
        var before = NewHarness(_ring.Version2Codec());
        var old = before.Cookie(("analytics", RecordedDecision.Granted), ("ads", RecordedDecision.OptedOut), ("video", RecordedDecision.NoticeShown));
        WebEncoders.Base64UrlDecode(old)[0].Should().NotBe(ConsentRecordCodec.Version, "this is a Data Protection envelope");
        var after = NewHarness();

        var (feature, written) = await ServeAsync(after, old);

        feature.GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);
        feature.GetStatus("ads").Should().Be(TransmissionStatus.OptedOut, "a stop is never undone by a redeploy");
        feature.GetStatus("video").Should().Be(TransmissionStatus.Allowed);
        feature.HasPending.Should().BeFalse("nothing is asked again");
        written.Should().NotBeNull("the record is re-issued in the new format");
        WebEncoders.Base64UrlDecode(written!)[0].Should().Be(ConsentRecordCodec.Version);
        ConsentRecordCodec.ReceiptOf(Open(after, written!)).Should().Be(ConsentRecordCodec.ReceiptOf(Open(after, old)), "the receipt carries over");

        var (again, rewritten) = await ServeAsync(after, written!);
        again.GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);
        again.GetStatus("ads").Should().Be(TransmissionStatus.OptedOut);
        rewritten.Should().BeNull("a v3 record is not rewritten on every request");
    }

    [Fact]
    public void Tampering_with_any_byte_of_a_version_3_record_never_grants_anything()
    {
        var h = NewHarness();
        var cookie = h.Cookie(("analytics", RecordedDecision.Denied), ("ads", RecordedDecision.OptedOut));
        var bytes = WebEncoders.Base64UrlDecode(cookie);
        var keyIdAt = bytes.Length - ConsentRecordCodec.TagSize - ConsentRecordCodec.KeyIdSize;
        for (var i = 0; i < bytes.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var copy = (byte[])bytes.Clone();
                copy[i] ^= (byte)(1 << bit);
                var tampered = WebEncoders.Base64UrlEncode(copy);
                var failure = h.Codec.TryOpen(tampered, h.Time.GetUtcNow(), out var payload);

                failure.Should().NotBe(RecordFailure.None, $"byte {i} bit {bit}");
                payload.Should().BeEmpty();
                if (i > 0 && (i < keyIdAt || i >= keyIdAt + ConsentRecordCodec.KeyIdSize))
                {
                    failure.Should().Be(RecordFailure.Tampered, $"byte {i} bit {bit}");
                }

                var f = h.Request(tampered);
                f.GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
                f.GetStatus("ads").Should().Be(TransmissionStatus.Pending, "an opt-out the record may hold is held until the banner");
            }
        }
    }

    [Fact]
    public void A_truncated_or_extended_version_3_record_is_rejected()
    {
        var h = NewHarness();
        var bytes = WebEncoders.Base64UrlDecode(h.Cookie(("analytics", RecordedDecision.Granted)));

        foreach (var length in new[] { 1, 10, ConsentRecordCodec.HeaderSize, bytes.Length - 1 })
        {
            h.Codec.TryOpen(WebEncoders.Base64UrlEncode(bytes[..length]), h.Time.GetUtcNow(), out _).Should().NotBe(RecordFailure.None, $"length {length}");
        }

        h.Codec.TryOpen(WebEncoders.Base64UrlEncode([.. bytes, 0]), h.Time.GetUtcNow(), out _).Should().NotBe(RecordFailure.None);
    }

    [Fact]
    public void Key_rotation_signs_with_the_new_default_key_and_still_verifies_the_old_one()
    {
        var now = DateTimeOffset.UtcNow;
        _ring.Keys.CreateNewKey(now.AddDays(-30), now.AddDays(60));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now);
        var h = NewHarness(_ring.Codec(time: clock));
        var old = h.Cookie(("analytics", RecordedDecision.Granted), ("ads", RecordedDecision.OptedOut));
        var oldKey = KeyIdOf(old);

        var newKey = _ring.Keys.CreateNewKey(now.AddDays(-1), now.AddDays(89));

        // The application restarts (or another instance reads the shared ring): the newer key is the default now.
        var restarted = new TestKeyRing(directory: _ring.Directory);
        restarted.Ring.GetCurrentKeyRing().DefaultKeyId.Should().Be(newKey.KeyId);
        var h2 = NewHarness(restarted.Codec());
        var fresh = h2.Cookie(("analytics", RecordedDecision.Granted));

        KeyIdOf(fresh).Should().Be(RecordMacKeys.ShortId(newKey.KeyId)).And.NotBe(oldKey, "new records are signed with the new default key");
        h2.Request(old).GetStatus("ads").Should().Be(TransmissionStatus.OptedOut, "records signed with the previous key still verify");
        h2.Request(fresh).GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);

        // The instance that was running before sees the new key when a record names it (the ring is read again at
        // most every few seconds on a miss, so a flood of unknown key ids does not hit the key store per request).
        h.Request(fresh).GetStatus("analytics").Should().Be(TransmissionStatus.Pending, "read again less than 5 s ago");
        clock.Advance(TimeSpan.FromSeconds(6));
        h.Request(fresh).GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);
        h.Request(old).GetStatus("ads").Should().Be(TransmissionStatus.OptedOut);
    }

    [Fact]
    public void Rule1_A_lost_key_ring_reads_as_unreadable_and_holds_opt_out_modules()
    {
        var old = NewHarness().Cookie(("analytics", RecordedDecision.Granted), ("ads", RecordedDecision.OptedOut));
        var redeployed = NewHarness(new TestKeyRing().Codec());

        redeployed.Codec.TryOpen(old, redeployed.Time.GetUtcNow(), out _).Should().Be(RecordFailure.UnknownKey, "told apart from tampering");
        var f = redeployed.Request(old);
        f.GetStatus("ads").Should().Be(TransmissionStatus.Pending, "an opt-out the record may hold is not undone silently");
        f.GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
        f.HasPending.Should().BeTrue("the banner asks again");
    }

    [Fact]
    public void A_record_signed_with_a_revoked_key_is_not_trusted()
    {
        var h = NewHarness();
        var cookie = h.Cookie(("analytics", RecordedDecision.Granted));
        _ring.Keys.RevokeAllKeys(DateTimeOffset.UtcNow.AddSeconds(1), "test");

        var fresh = NewHarness(new TestKeyRing(directory: _ring.Directory).Codec());
        fresh.Codec.TryOpen(cookie, fresh.Time.GetUtcNow(), out _).Should().Be(RecordFailure.UnknownKey);
        fresh.Request(cookie).GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
    }

    [Fact]
    public void A_version_3_record_of_another_application_sharing_the_key_ring_is_rejected()
    {
        var shop = NewHarness(_ring.Codec("Shop"));
        var blog = NewHarness(_ring.Codec("Blog"));
        var cookie = shop.Cookie(("analytics", RecordedDecision.Granted));

        shop.Request(cookie).GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);
        blog.Codec.TryOpen(cookie, blog.Time.GetUtcNow(), out _).Should().Be(RecordFailure.Tampered);
        blog.Request(cookie).GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
    }

    [Fact]
    public void Without_a_key_manager_records_are_written_as_version_2_and_still_read()
    {
        var h = NewHarness(new ConsentRecordCodec(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()));
        h.Codec.WritesVersion3.Should().BeFalse();
        var cookie = h.Cookie(("ads", RecordedDecision.OptedOut));
        WebEncoders.Base64UrlDecode(cookie)[0].Should().NotBe(ConsentRecordCodec.Version);
        var f = h.Request(cookie);
        f.GetStatus("ads").Should().Be(TransmissionStatus.OptedOut);
        f.Changed.Should().BeFalse("with nothing better to write, a v2 record is not rewritten on every request");
    }

    [Fact]
    public void Duplicate_version_2_and_version_3_records_take_the_stricter_reading()
    {
        var v2 = NewHarness(_ring.Version2Codec()).Cookie(("ads", RecordedDecision.OptedOut), ("analytics", RecordedDecision.Denied));
        var h = NewHarness();
        var v3 = h.Cookie(("ads", RecordedDecision.OptedIn), ("analytics", RecordedDecision.Granted));
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{h.Catalog.CookieName}={v3}; {h.Catalog.CookieName}={v2}";

        var f = h.Services.Create(context);
        f.GetStatus("ads").Should().Be(TransmissionStatus.OptedOut);
        f.GetStatus("analytics").Should().Be(TransmissionStatus.Denied);
    }

    [Fact]
    public void The_capacity_is_measured_for_version_3_and_is_larger_than_with_version_2()
    {
        var h = new Harness(RecordFormatTests.ManyModules(10), _ring.Codec());
        var v3 = RecordCapacity.Measure(h.Catalog, h.Codec);
        var v2 = RecordCapacity.Measure(h.Catalog, _ring.Version2Codec());

        (v3, v2).Should().Be((516, 504), "a 20-byte key id and tag replace Data Protection's envelope of about 100 bytes");
    }

    private static uint KeyIdOf(string cookie)
    {
        var bytes = WebEncoders.Base64UrlDecode(cookie);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(bytes.Length - ConsentRecordCodec.TagSize - ConsentRecordCodec.KeyIdSize));
    }

    private static byte[] Open(Harness h, string cookie)
    {
        h.Codec.TryOpen(cookie, h.Time.GetUtcNow(), out var payload).Should().Be(RecordFailure.None);
        return payload;
    }
}
