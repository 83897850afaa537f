using AutoDialer.Core.Dispatch;

namespace AutoDialer.Core.Tests.Dispatch;

/// <summary>Builds rotation requests for tests.</summary>
internal static class Choices
{
    public static readonly DateTimeOffset Now = new(2025, 6, 10, 10, 0, 0, TimeSpan.FromHours(8));

    public static CallerNumber Number(string id, string? areaCode = null, int dailyCap = 0) =>
        new(id, "+86" + (areaCode ?? "0").TrimStart('0') + "12345678", areaCode, dailyCap);

    public static CallerNumberUsage Usage(
        string id,
        int usedToday = 0,
        TimeSpan? lastUsedAgo = null,
        TimeSpan? restedFor = null) =>
        new(id, usedToday, Now - lastUsedAgo, Now + restedFor, []);

    public static CallerNumberChoice Request(
        IReadOnlyList<CallerNumber> numbers,
        IEnumerable<CallerNumberUsage>? usages = null,
        long cursor = 0,
        string callee = "+8613800138000") =>
        new(callee, numbers, (usages ?? []).ToDictionary(u => u.Id), Now, cursor);
}
