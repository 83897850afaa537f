using System.Globalization;
using AutoDialer.Simulation.Calls;

namespace AutoDialer.Simulation.Commands;

/// <summary>A range of real seconds written <c>A-B</c> (or one number <c>A</c>), as the CLI's <c>--ring 1-3</c> takes it.</summary>
internal sealed record SecondsRange(double Min, double Max)
{
    public static SecondsRange Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            var min = double.Parse(parts[0], CultureInfo.InvariantCulture);
            var max = parts.Length == 2 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : min;
            if (min >= 0 && max >= min && max <= TimeSpan.FromDays(1).TotalSeconds)
            {
                return new SecondsRange(min, max);
            }
        }

        throw new ArgumentException($"{option} takes seconds as A-B with 0 ≤ A ≤ B ≤ 86400 (e.g. 1-3), not '{text}'");
    }

    public TimeSpan MaxTime => TimeSpan.FromSeconds(Max);

    public DurationDistribution Uniform() => DurationDistribution.Uniform(TimeSpan.FromSeconds(Min), TimeSpan.FromSeconds(Max));
}
