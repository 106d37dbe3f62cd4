using System.Diagnostics.Metrics;
using ConsentKit.IntegrationTests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>ConsentKit with the store, on TestServer, over one throwaway database.</summary>
internal static class StoreHost
{
    public static Task<TestHost> StartAsync(
        TestDatabase database,
        Action<ConsentStoreOptions>? store = null,
        Action<IServiceCollection>? services = null,
        Action<DbContextOptionsBuilder>? db = null) =>
        TestHost.StartAsync(services: s =>
        {
            services?.Invoke(s);
            new StoreChain(s).AddEntityFrameworkCoreStore(db ?? database.Configure, o =>
            {
                o.MigrateAtStartup = true;
                store?.Invoke(o);
            });
        });

    public static Task<HttpResponseMessage> ChooseAsync(this Visitor visitor, string json, Action<HttpRequestMessage>? configure = null) =>
        visitor.PostJsonAsync("/external-transmission/choices", json, r =>
        {
            r.Headers.Add("Origin", "http://localhost");
            configure?.Invoke(r);
        });

    public static async Task<string> ReceiptOfAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("receipt").GetString()!;
    }

}

/// <summary>The builder <c>AddExternalTransmissionNotice</c> returns, for hosts that registered ConsentKit elsewhere.</summary>
internal sealed class StoreChain(IServiceCollection services) : IExternalTransmissionBuilder
{
    public IServiceCollection Services { get; } = services;
}

/// <summary>Sums the ConsentKit meter's counters, by instrument name, for one test's service provider.</summary>
internal sealed class MeterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly List<(string Name, KeyValuePair<string, object?>[] Tags)> _measurements = [];

    public MeterProbe(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "ConsentKit" && instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (_totals)
            {
                _totals[instrument.Name] = Total(instrument.Name) + value;
                _measurements.Add((instrument.Name, tags.ToArray()));
            }
        });
        _listener.Start();
    }

    public long Total(string name)
    {
        lock (_totals)
        {
            return _totals.GetValueOrDefault(name);
        }
    }

    public int Count(string name, string tag, string value)
    {
        lock (_totals)
        {
            return _measurements.Count(m => m.Name == name && m.Tags.Any(t => t.Key == tag && Equals(t.Value, value)));
        }
    }

    public void Dispose() => _listener.Dispose();
}
