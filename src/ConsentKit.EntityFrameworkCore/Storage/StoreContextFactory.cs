using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>A context for one unit of work, and whatever must be disposed with it.</summary>
internal sealed class StoreLease(DbContext context, IAsyncDisposable owner) : IAsyncDisposable
{
    public DbContext Context { get; } = context;

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}

/// <summary>Hands out contexts: ConsentKit's own (pooled), or the site's through its factory or a scope.</summary>
internal abstract class StoreContextFactory
{
    public abstract StoreLease Create();
}

internal sealed class OwnContextFactory(Func<ConsentKitDbContext> create) : StoreContextFactory
{
    public ConsentKitDbContext CreateContext() => create();

    public override StoreLease Create()
    {
        var context = create();
        return new StoreLease(context, context);
    }
}

internal sealed class SiteContextFactory<TContext>(IServiceProvider services) : StoreContextFactory
    where TContext : DbContext
{
    public override StoreLease Create()
    {
        if (services.GetService<IDbContextFactory<TContext>>() is { } factory)
        {
            var context = factory.CreateDbContext();
            return new StoreLease(context, context);
        }

        // A scoped context: one scope per unit of work, never the request's, so a record is not tied to its request.
        var scope = services.CreateAsyncScope();
        return new StoreLease(scope.ServiceProvider.GetRequiredService<TContext>(), scope);
    }
}
