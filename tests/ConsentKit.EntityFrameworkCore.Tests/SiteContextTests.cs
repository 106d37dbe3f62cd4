using ConsentKit.IntegrationTests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>A site that keeps ConsentKit's tables in its own context, reached through its factory or a scope.</summary>
public class SiteContextTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task R24_TheStoreWritesIntoTheSitesOwnContextThroughItsFactoryOrAScope(bool registerFactory)
    {
        await using var db = new SqliteTestDatabase();
        await using (var schema = new SiteDbContext(new DbContextOptionsBuilder<SiteDbContext>().UseSqlite(db.ConnectionString).Options))
        {
            // The site owns the schema (its own migrations in a real site).
            await schema.Database.EnsureCreatedAsync();
        }

        await using var host = await TestHost.StartAsync(services: s =>
        {
            if (registerFactory)
            {
                s.AddDbContextFactory<SiteDbContext>(o => o.UseSqlite(db.ConnectionString));
            }
            else
            {
                s.AddDbContext<SiteDbContext>(o => o.UseSqlite(db.ConnectionString));
            }

            new StoreChain(s).AddEntityFrameworkCoreStore<SiteDbContext>(null);
        });

        var receipt = await StoreHost.ReceiptOfAsync(await new Visitor(host.Server).ChooseAsync("""{"action":"accept-all"}"""));

        await using var check = new SiteDbContext(new DbContextOptionsBuilder<SiteDbContext>().UseSqlite(db.ConnectionString).Options);
        (await check.Orders.CountAsync()).Should().Be(0, "the site's own table is untouched");
        (await check.Set<ProofRecordRow>().SingleAsync()).ReceiptId.Should().Be(receipt);
        (await host.Services.GetRequiredService<IConsentDecisionStore>().GetAsync(receipt)).Should().HaveCount(3);
    }

    private sealed class SiteDbContext(DbContextOptions<SiteDbContext> options) : DbContext(options)
    {
        public DbSet<Order> Orders => Set<Order>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.MapConsentKitStore();
    }

    private sealed class Order
    {
        public int Id { get; set; }
    }
}
