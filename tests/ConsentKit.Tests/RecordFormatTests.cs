using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConsentKit.Tests;

/// <summary>The record's v2 layout: choices that outlive declaration changes, capacity, planted copies, lost keys.</summary>
public class RecordFormatTests
{
    private readonly Harness _h = new();

    private Harness Changed(Action<ModuleDeclaration> change, string module)
    {
        var options = Declarations.Valid();
        change(options.FindModule(module)!);
        return new Harness(options, _h.Codec);
    }

    [Fact]
    public void R36_AnOptOutSurvivesAMaterialChangeToTheDeclaration()
    {
        var cookie = _h.Cookie(("ads", RecordedDecision.OptedOut));
        var redeployed = Changed(m => m.Purpose.Operator += "。", "ads");

        redeployed.Request(cookie).GetStatus("ads").Should().Be(TransmissionStatus.OptedOut, "a stop request never reverts because the declaration changed (Act 27-12 (iv))");
    }

    [Fact]
    public void R36_ARefusalSurvivesAMaterialChangeToTheDeclaration()
    {
        var cookie = _h.Cookie(("analytics", RecordedDecision.Denied));
        var redeployed = Changed(m => m.Recipient.Name = "Other Inc.", "analytics");

        redeployed.Request(cookie).GetStatus("analytics").Should().Be(TransmissionStatus.Denied);
    }

    [Fact]
    public void R36_AGrantAndANoticeAreAskedAgainAfterAnEnglishOnlyChange()
    {
        var cookie = _h.Cookie(("analytics", RecordedDecision.Granted), ("video", RecordedDecision.NoticeShown));
        var options = Declarations.Valid();
        options.FindModule("analytics")!.InformationEn[0] = "Full address of the page";
        options.FindModule("video")!.Purpose.RecipientEn = "To show ads";
        var redeployed = new Harness(options, _h.Codec);

        var f = redeployed.Request(cookie);
        f.GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
        f.GetStatus("video").Should().Be(TransmissionStatus.Pending);
    }

    [Fact]
    public void R36_AModuleRemovedAndReAddedDoesNotInheritAnOldGrant()
    {
        var cookie = _h.Cookie(("analytics", RecordedDecision.Granted));
        var without = Declarations.Valid();
        without.Modules.Remove(without.FindModule("analytics")!);
        var removed = new Harness(without, _h.Codec);

        // A visit while the module is gone rewrites the record without it.
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = removed.Catalog.CookieName + "=" + cookie;
        var feature = removed.Services.Create(context);
        _ = feature.Modules;
        feature.Changed.Should().BeTrue("entries for undeclared modules are dropped");
        removed.Services.Cookies.Write(context, feature.Record);
        var rewritten = SetCookieValue(context, removed.Catalog.CookieName);

        _h.Request(rewritten).GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
    }

    [Fact]
    public void The_record_holds_500_modules_within_4096_characters_with_name_and_attributes()
    {
        var options = ManyModules(500);
        var h = new Harness(options);
        var today = ConsentRecordCodec.DayOf(h.Time.GetUtcNow());
        var value = h.Codec.Encode(Guid.NewGuid(), h.Time.GetUtcNow(), 1, h.Catalog.Modules.Select(m => RecordEntry.For(m, RecordedDecision.Granted, today)).ToList());
        var header = RecordCookieStore.Options(h.Catalog, https: true).CreateCookieHeader(h.Catalog.RecordCookieName(https: true), value).ToString();

        header.Length.Should().BeLessThanOrEqualTo(4096, header[..60]);
        var f = h.Request(value);
        f.Modules.Should().HaveCount(500).And.OnlyContain(m => m.Status == TransmissionStatus.Allowed, "every entry reads back");
        RecordCapacity.Measure(h.Catalog, h.Codec).Should().BeGreaterThanOrEqualTo(500);
    }

    [Fact]
    public async Task Startup_fails_beyond_the_real_capacity_and_names_it()
    {
        var h = new Harness(ManyModules(700));
        var capacity = RecordCapacity.Measure(h.Catalog, h.Codec);
        var checks = new StartupChecks(h.Catalog, h.Codec, new EphemeralDataProtectionProvider(), Options.Create(new KeyManagementOptions()), NullLogger<StartupChecks>.Instance);

        var act = () => checks.StartAsync(default);

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain($"at most {capacity}").And.Contain("700");
    }

    [Fact]
    public void Two_module_ids_with_the_same_record_key_stop_startup()
    {
        var seen = new Dictionary<uint, string>();
        string a = "", b = "";
        for (var i = 0; ; i++)
        {
            var id = "m" + i;
            if (seen.TryGetValue(TransmissionCatalog.IdKeyOf(id), out var other))
            {
                (a, b) = (other, id);
                break;
            }

            seen.Add(TransmissionCatalog.IdKeyOf(id), id);
        }

        var options = Declarations.Valid();
        options.AddModule(a, m => Declarations.Consent(m));
        options.AddModule(b, m => Declarations.Consent(m));

        var act = () => new TransmissionCatalog(options);
        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(a).And.Contain(b);
    }

    [Fact]
    public void Duplicate_records_take_the_most_restrictive_reading_in_either_order()
    {
        var acceptAll = _h.Cookie(("analytics", RecordedDecision.Granted), ("ads", RecordedDecision.OptedIn), ("video", RecordedDecision.NoticeShown));
        var refusal = _h.Cookie(("analytics", RecordedDecision.Denied), ("ads", RecordedDecision.OptedOut));
        foreach (var (first, second) in new[] { (acceptAll, refusal), (refusal, acceptAll) })
        {
            var f = RequestWithCookies(_h, https: false, (_h.Catalog.CookieName, first), (_h.Catalog.CookieName, second));
            f.GetStatus("analytics").Should().Be(TransmissionStatus.Denied);
            f.GetStatus("ads").Should().Be(TransmissionStatus.OptedOut);
            f.GetStatus("video").Should().Be(TransmissionStatus.Pending, "the refusal's copy lacks the acknowledgement");
        }
    }

    [Fact]
    public void A_planted_unprefixed_record_is_ignored_over_https()
    {
        var planted = _h.Cookie(("analytics", RecordedDecision.Granted));
        RequestWithCookies(_h, https: true, (".ConsentKit", planted)).GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
        RequestWithCookies(_h, https: true, ("__Host-.ConsentKit", planted)).GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);
    }

    [Fact]
    public void A_record_of_another_application_sharing_the_key_ring_is_rejected()
    {
        var ring = new EphemeralDataProtectionProvider();
        var shop = new Harness(codec: new ConsentRecordCodec(ring, "Shop"));
        var blog = new Harness(codec: new ConsentRecordCodec(ring, "Blog"));
        var cookie = shop.Cookie(("analytics", RecordedDecision.Granted));

        shop.Request(cookie).GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);
        blog.Request(cookie).GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
    }

    [Fact]
    public void A_record_protected_with_a_lost_key_is_told_from_tampering_and_holds_opt_out_modules()
    {
        var (before, _) = KeyRing();
        var (after, afterKeys) = KeyRing();
        var old = new Harness(codec: new ConsentRecordCodec(before)).Cookie(("ads", RecordedDecision.OptedOut));
        var redeployed = new Harness(codec: new ConsentRecordCodec(after, null, afterKeys));

        redeployed.Codec.TryOpen(old, redeployed.Time.GetUtcNow(), out _).Should().Be(RecordFailure.UnknownKey);
        redeployed.Request(old).GetStatus("ads").Should().Be(TransmissionStatus.Pending, "an opt-out the record may hold is not undone silently");
    }

    [Fact]
    public async Task An_unreadable_record_holds_opt_out_modules_until_the_banner_was_shown_again()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = _h.Catalog.CookieName + "=" + "garbage";
        var f = _h.Services.Create(context);
        f.GetStatus("ads").Should().Be(TransmissionStatus.Pending);
        f.HasPending.Should().BeTrue("the banner is shown");
        ConsentRenderState.Of(context).BannerShown = true;

        await _h.Services.ResponseStart.RunAsync(f);

        _h.Request(SetCookieValue(context, _h.Catalog.CookieName)).GetStatus("ads").Should().Be(TransmissionStatus.Allowed);
    }

    [Fact]
    public void No_record_at_all_leaves_opt_out_modules_on()
    {
        _h.Request().GetStatus("ads").Should().Be(TransmissionStatus.Allowed);
    }

    internal static ExternalTransmissionOptions ManyModules(int count)
    {
        var o = new ExternalTransmissionOptions();
        o.Operator.Name = "株式会社テスト";
        for (var i = 0; i < count; i++)
        {
            o.AddModule($"module-{i:D3}", m => Declarations.Consent(m));
        }

        return o;
    }

    private static (IDataProtectionProvider Provider, IKeyManager Keys) KeyRing()
    {
        var directory = Directory.CreateTempSubdirectory("consentkit-keys-");
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().PersistKeysToFileSystem(directory).SetApplicationName("test");
        var sp = services.BuildServiceProvider();
        return (sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<IKeyManager>());
    }

    private static ExternalTransmissionFeature RequestWithCookies(Harness h, bool https, params (string Name, string Value)[] cookies)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = https ? "https" : "http";
        context.Request.Headers.Cookie = string.Join("; ", cookies.Select(c => c.Name + "=" + c.Value));
        return h.Services.Create(context);
    }

    private static string SetCookieValue(HttpContext context, string name)
    {
        var header = Microsoft.Net.Http.Headers.SetCookieHeaderValue.ParseList(context.Response.Headers.SetCookie.ToArray()!).Single(c => c.Name == name);
        return header.Value.ToString();
    }
}
