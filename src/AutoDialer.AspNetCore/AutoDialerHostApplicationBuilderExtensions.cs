using Microsoft.Extensions.Hosting;

namespace AutoDialer.AspNetCore;

public static class AutoDialerHostApplicationBuilderExtensions
{
    /// <summary><c>builder.Services.AddAutoDialer(builder.Configuration, configure)</c>, for <c>WebApplication.CreateBuilder()</c> and other host builders.</summary>
    public static TBuilder AddAutoDialer<TBuilder>(this TBuilder builder, Action<AutoDialerOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddAutoDialer(builder.Configuration, configure);
        return builder;
    }

    /// <summary><c>builder.Services.AddAutoDialerServer()</c>: this node dials (after <c>AddAutoDialer</c>).</summary>
    public static TBuilder AddAutoDialerServer<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddAutoDialerServer();
        return builder;
    }
}
