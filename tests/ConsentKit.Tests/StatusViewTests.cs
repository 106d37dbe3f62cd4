using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Tests;

/// <summary>
/// What pages derive from the statuses is precomputed per decision vector. Compared, over many random vectors, with
/// the per-module walk it replaces: the same statuses, pending flag, module list, client state, Consent Mode state and
/// snippet, byte for byte.
/// </summary>
public class StatusViewTests
{
    private static ExternalTransmissionOptions Mixed(int count, GpcPolicy gpc)
    {
        var o = new ExternalTransmissionOptions { Gpc = gpc };
        o.Operator.Name = "株式会社テスト";
        for (var i = 0; i < count; i++)
        {
            var n = i;
            o.AddModule($"m-{n:D3}", m =>
            {
                Declarations.Consent(m);
                switch (n % 4)
                {
                    case 1:
                        m.WithMeasure(TransmissionMeasure.OptOut).WithOptOut(OptOutScope.Transmission, "なし");
                        break;
                    case 2:
                        m.WithMeasure(TransmissionMeasure.Notice);
                        break;
                    case 3 when n % 8 == 3:
                        m.WithMeasure(TransmissionMeasure.Publication);
                        break;
                }

                if (n % 3 != 2)
                {
                    m.MapsToConsentMode(n % 2 == 0 ? "analytics_storage" : "ad_storage");
                }
            });
        }

        return o;
    }

    // The walk the view replaces, kept here as the reference.
    private static TransmissionStatus Walk(TransmissionCatalog catalog, ModuleDescriptor m, RecordedDecision[] decisions, bool gpc) =>
        ConsentRules.Status(m.Measure, decisions[m.Index], gpc, catalog.Gpc);

    [Theory]
    [InlineData(GpcPolicy.Ignore, 7)]
    [InlineData(GpcPolicy.OptOut, 20)]
    [InlineData(GpcPolicy.OptOutAndDenyConsent, 61)]
    public void The_view_of_a_vector_equals_the_per_module_walk_for_many_random_vectors(GpcPolicy policy, int count)
    {
        var catalog = new TransmissionCatalog(Mixed(count, policy));
        var views = new StatusViews(catalog);
        var random = new Random(count);
        for (var round = 0; round < 500; round++)
        {
            var decisions = new RecordedDecision[catalog.Modules.Count];
            for (var i = 0; i < decisions.Length; i++)
            {
                // Mostly the common vectors (nothing, all granted), sometimes anything including Unreadable.
                decisions[i] = round % 5 == 0 ? RecordedDecision.None
                    : round % 5 == 1 ? RecordedDecision.Granted
                    : (RecordedDecision)random.Next(0, 7);
            }

            var gpc = random.Next(2) == 0;
            var view = views.For(decisions, gpc);

            var walked = catalog.Modules.Select(m => Walk(catalog, m, decisions, gpc)).ToArray();
            view.Statuses.Should().Equal(walked);
            view.HasPending.Should().Be(walked.Contains(TransmissionStatus.Pending));
            view.Modules.Should().Equal(catalog.Modules.Select(m => new ModuleState(m.Id, walked[m.Index])));
            var names = catalog.Modules.ToDictionary(m => m.Id, m => ConsentProtocol.StatusName(walked[m.Index]));
            view.StatusNames.Should().Equal(names);
            view.StateJson.Should().Be(JsonSerializer.Serialize(names, ConsentKitJsonContext.Default.DictionaryStringString));
            var consentMode = ConsentModeState.Compute(catalog, m => walked[m.Index]);
            view.ConsentMode.Should().Equal(consentMode);
            foreach (var wait in new int?[] { null, 500 })
            {
                view.ConsentModeSnippet(wait).Should().Be(consentMode.Count == 0 ? null : ConsentModeState.DefaultSnippet(consentMode, wait));
            }

            views.For((RecordedDecision[])decisions.Clone(), gpc).Should().BeSameAs(view, "an equal vector reuses the view");
        }

        views.Count.Should().BeLessThanOrEqualTo(StatusViews.Capacity);
    }

    [Fact]
    public void Views_differ_when_only_the_signal_or_one_decision_differs()
    {
        var catalog = new TransmissionCatalog(Mixed(8, GpcPolicy.OptOut));
        var views = new StatusViews(catalog);
        var decisions = new RecordedDecision[8];

        var plain = views.For(decisions, gpc: false);
        var signal = views.For(decisions, gpc: true);
        signal.Should().NotBeSameAs(plain);
        signal.Statuses[1].Should().Be(TransmissionStatus.OptedOut, "module 1 is an OptOut module and the browser sent GPC");
        plain.Statuses[1].Should().Be(TransmissionStatus.Allowed);
        signal.Digest.Should().NotBe(plain.Digest);

        decisions[0] = RecordedDecision.Granted;
        var granted = views.For(decisions, gpc: false);
        granted.Statuses[0].Should().Be(TransmissionStatus.Allowed);
        plain.Statuses[0].Should().Be(TransmissionStatus.Pending, "a view is never changed after it is shared");
    }

    [Fact]
    public void Rule1_A_change_in_the_request_is_seen_at_once_and_not_by_other_requests_with_the_old_vector()
    {
        var h = new Harness();
        var first = h.Request();
        var second = h.Request();
        first.GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
        second.GetStatus("analytics").Should().Be(TransmissionStatus.Pending);

        h.Services.Decisions.Apply(first, new ConsentChange { Action = ConsentAction.RejectAll });

        first.GetStatus("ads").Should().Be(TransmissionStatus.OptedOut, "the refusal counts for the rest of this request");
        first.HasPending.Should().BeFalse();
        second.GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
        second.GetStatus("ads").Should().Be(TransmissionStatus.Allowed);
    }

    [Fact]
    public void Cost_is_flat_the_views_cache_stays_bounded_under_a_flood_of_distinct_vectors()
    {
        var catalog = new TransmissionCatalog(Mixed(30, GpcPolicy.Ignore));
        var views = new StatusViews(catalog);
        var random = new Random(1);
        for (var i = 0; i < StatusViews.Capacity * 3; i++)
        {
            var decisions = Enumerable.Range(0, 30).Select(_ => (RecordedDecision)random.Next(0, 7)).ToArray();
            views.For(decisions, false);
            views.Count.Should().BeLessThanOrEqualTo(StatusViews.Capacity);
        }

        var common = new RecordedDecision[30];
        views.For(common, false).Should().BeSameAs(views.For(common, false));
    }
}
