using Microsoft.Extensions.Options;

namespace AutoDialer.Testing;

/// <summary>An <see cref="IOptionsMonitor{TOptions}"/> whose current value a test sets, as a reloaded configuration would change it.</summary>
public sealed class CurrentOptions<TOptions>(TOptions value) : IOptionsMonitor<TOptions>
{
    public TOptions CurrentValue { get; set; } = value;

    public TOptions Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<TOptions, string?> listener) => null;
}
