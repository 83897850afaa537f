using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AutoDialer.PostgreSql;

internal static class AutoDialerDataSourceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TStore"/>, a class that takes an <see cref="NpgsqlDataSource"/>, over AutoDialer's
    /// own data source (keyed <see cref="AutoDialerDataSource.ServiceKey"/>), never an application's unkeyed one; its other
    /// constructor parameters come from the container. A store already registered is left as it is.
    /// </summary>
    public static IServiceCollection AddWithAutoDialerDataSource<TStore>(this IServiceCollection services)
        where TStore : class
    {
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<TStore>(sp, sp.GetRequiredKeyedService<NpgsqlDataSource>(AutoDialerDataSource.ServiceKey)));
        return services;
    }
}
