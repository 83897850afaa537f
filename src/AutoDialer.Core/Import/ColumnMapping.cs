namespace AutoDialer.Core.Import;

/// <summary>
/// Which column (0-based, in the order of the list's header) plays which role, as a person chose it in the upload's
/// mapping step; null = no column has that role. Every other column is kept as an attribute.
/// </summary>
internal sealed record ColumnMapping(int Phone, int? Name = null, int? Timezone = null, int? PrivacyNumber = null)
{
    /// <summary>
    /// The contact's other numbers, in the order they are tried after <see cref="Phone"/>; each is also kept as an
    /// attribute, as read. Default: none.
    /// </summary>
    public IReadOnlyList<int> AlternatePhones { get; init; } = [];

    public bool Equals(ColumnMapping? other) =>
        other is not null && Phone == other.Phone && Name == other.Name && Timezone == other.Timezone
        && PrivacyNumber == other.PrivacyNumber && AlternatePhones.SequenceEqual(other.AlternatePhones);

    public override int GetHashCode() => HashCode.Combine(Phone, Name, Timezone, PrivacyNumber, AlternatePhones.Count);

    /// <summary>What is wrong with this mapping for a list of <paramref name="columns"/> columns, by role; empty when nothing is.</summary>
    public IReadOnlyDictionary<string, string> Problems(int columns)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new Dictionary<int, string>();
        foreach (var (role, index) in Roles())
        {
            if (index is not { } column)
                continue;
            if (column < 0 || column >= columns)
                problems[role] = $"column {column} does not exist: the list has columns 0 to {columns - 1}";
            else if (taken.TryGetValue(column, out var other))
                problems[role] = $"column {column} is already the {other} column: a column plays one role";
            else
                taken[column] = role;
        }
        var alternates = AlternatePhones ?? [];
        for (var i = 0; i < alternates.Count; i++)
        {
            var column = alternates[i];
            var role = $"alternate_phones[{i}]";
            if (column < 0 || column >= columns)
                problems[role] = $"column {column} does not exist: the list has columns 0 to {columns - 1}";
            else if (taken.TryGetValue(column, out var other))
                problems[role] = $"column {column} is already the {other} column: a column plays one role";
            else
                taken[column] = role;
        }
        return problems;
    }

    /// <summary>The roles in a fixed order with their columns; the names are the API's member names without "_column".</summary>
    public IEnumerable<(string Role, int? Column)> Roles()
    {
        yield return ("phone", Phone);
        yield return ("name", Name);
        yield return ("timezone", Timezone);
        yield return ("privacy_number", PrivacyNumber);
    }
}
