using System.Text;

namespace AutoDialer.Core.Import;

/// <summary>
/// Which column of a contact list plays which role, read from its header row. Columns without a role are
/// kept as custom attributes so that nothing a campaign manager uploaded is silently dropped.
/// </summary>
internal sealed class ContactHeader
{
    private static readonly string[] PhoneSynonyms =
        ["phone", "mobile", "tel", "telephone", "number", "phone_number", "电话", "手机", "手机号", "手机号码", "电话号码", "号码", "联系电话"];

    /// <summary>A contact's other numbers, dialled after its phone fails (every such column is one, in the list's order).</summary>
    private static readonly string[] AlternatePhoneSynonyms =
        ["phone2", "mobile2", "tel2", "alternate_phone", "other_phone", "second_phone",
         "备用电话", "其他电话", "备用号码", "备用手机", "其他号码", "电话2", "手机2", "联系电话2"];

    private static readonly string[] NameSynonyms = ["name", "姓名", "客户姓名", "名称"];
    private static readonly string[] TimezoneSynonyms = ["timezone", "tz", "时区"];
    private static readonly string[] PrivacyNumberSynonyms = ["privacy_number", "加密号码"];

    private static readonly Dictionary<string, Role> RolesByKey = BuildRoles();

    private ContactHeader(
        IReadOnlyList<string> fields,
        int phoneIndex,
        int nameIndex,
        int timezoneIndex,
        int privacyNumberIndex,
        IReadOnlyList<int> alternatePhoneIndexes,
        IReadOnlyList<(int Index, string Key)> attributeColumns)
    {
        AlternatePhoneIndexes = alternatePhoneIndexes;
        Fields = fields;
        PhoneIndex = phoneIndex;
        NameIndex = nameIndex;
        TimezoneIndex = timezoneIndex;
        PrivacyNumberIndex = privacyNumberIndex;
        AttributeColumns = attributeColumns;
    }

    private enum Role
    {
        Phone,
        Name,
        Timezone,
        PrivacyNumber,
        AlternatePhone,
    }

    /// <summary>The header cells as they appeared in the file.</summary>
    public IReadOnlyList<string> Fields { get; }

    public int PhoneIndex { get; }

    public int NameIndex { get; }

    public int TimezoneIndex { get; }

    public int PrivacyNumberIndex { get; }

    /// <summary>The contact's other numbers' columns, in the list's order; they are kept as attributes too, as read.</summary>
    public IReadOnlyList<int> AlternatePhoneIndexes { get; }

    /// <summary>Every column without a role (an alternate number's included), with a unique attribute key.</summary>
    public IReadOnlyList<(int Index, string Key)> AttributeColumns { get; }

    public bool HasPhone => PhoneIndex >= 0;

    /// <summary>The roles as they are, for a person to review (the phone column is -1 when none was found).</summary>
    public ColumnMapping Mapping => new(PhoneIndex, OrNull(NameIndex), OrNull(TimezoneIndex), OrNull(PrivacyNumberIndex))
    {
        AlternatePhones = AlternatePhoneIndexes,
    };

    /// <summary>
    /// The roles a person chose (see <see cref="ColumnMapping.Problems"/>, checked by the caller); every other column,
    /// one whose name is a synonym included, is an attribute.
    /// </summary>
    public static ContactHeader WithMapping(IReadOnlyList<string> fields, ColumnMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(mapping);
        if (mapping.Problems(fields.Count) is { Count: > 0 } problems)
            throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Key}: {p.Value}")), nameof(mapping));

        var copy = fields.ToArray();
        var roles = mapping.Roles().Where(r => r.Column is not null).Select(r => r.Column!.Value).ToHashSet();
        var usedKeys = new HashSet<string>(StringComparer.Ordinal);
        var attributes = new List<(int Index, string Key)>();
        for (int i = 0; i < copy.Length; i++)
        {
            if (!roles.Contains(i))
            {
                attributes.Add((i, UniqueKey(AttributeKey(copy[i] ?? string.Empty, i), usedKeys)));
            }
        }

        return new ContactHeader(copy, mapping.Phone, mapping.Name ?? -1, mapping.Timezone ?? -1, mapping.PrivacyNumber ?? -1,
            mapping.AlternatePhones.ToArray(), attributes.AsReadOnly());
    }

    public static ContactHeader Parse(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);

        var copy = fields.ToArray();
        int phone = -1, name = -1, timezone = -1, privacyNumber = -1;
        var alternates = new List<int>();
        var attributes = new List<(int Index, string Key)>();
        var usedKeys = new HashSet<string>(StringComparer.Ordinal);

        for (int i = 0; i < copy.Length; i++)
        {
            string header = copy[i] ?? string.Empty;
            bool known = RolesByKey.TryGetValue(MatchKey(header), out Role role);
            if (known && role == Role.AlternatePhone)
            {
                alternates.Add(i);
            }

            bool claimed = known && role switch
            {
                Role.Phone => Claim(ref phone, i),
                Role.Name => Claim(ref name, i),
                Role.Timezone => Claim(ref timezone, i),
                Role.PrivacyNumber => Claim(ref privacyNumber, i),
                _ => false,
            };

            if (!claimed)
            {
                attributes.Add((i, UniqueKey(AttributeKey(header, i), usedKeys)));
            }
        }

        return new ContactHeader(copy, phone, name, timezone, privacyNumber, alternates.AsReadOnly(), attributes.AsReadOnly());
    }

    /// <summary>The accepted phone column names, for telling a user why their list has no phone column.</summary>
    public static string DescribeExpectedPhoneHeaders() => string.Join(", ", PhoneSynonyms);

    private static int? OrNull(int index) => index >= 0 ? index : null;

    // The leftmost column wins a role; later ones fall through to attributes.
    private static bool Claim(ref int slot, int index)
    {
        if (slot >= 0)
        {
            return false;
        }

        slot = index;
        return true;
    }

    private static string AttributeKey(string header, int index)
    {
        string key = WithoutBom(header).Trim();
        return key.Length == 0 ? $"column_{index + 1}" : key;
    }

    private static string UniqueKey(string key, HashSet<string> usedKeys)
    {
        if (usedKeys.Add(key))
        {
            return key;
        }

        for (int suffix = 2; ; suffix++)
        {
            string candidate = $"{key}_{suffix}";
            if (usedKeys.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>
    /// "Phone Number", " phone_number " and "PHONE-NUMBER" are the same column to a person, so they are the
    /// same key here.
    /// </summary>
    private static string MatchKey(string header)
    {
        string text = WithoutBom(header).Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
        var key = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is not ('_' or '-') && !char.IsWhiteSpace(c))
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    // A BOM the decoder did not consume lands in the first header cell.
    private static string WithoutBom(string header) => header.StartsWith('\uFEFF') ? header[1..] : header;

    private static Dictionary<string, Role> BuildRoles()
    {
        var roles = new Dictionary<string, Role>(StringComparer.Ordinal);
        Add(PhoneSynonyms, Role.Phone);
        Add(NameSynonyms, Role.Name);
        Add(TimezoneSynonyms, Role.Timezone);
        Add(PrivacyNumberSynonyms, Role.PrivacyNumber);
        Add(AlternatePhoneSynonyms, Role.AlternatePhone);
        return roles;

        void Add(string[] synonyms, Role role)
        {
            foreach (string synonym in synonyms)
            {
                roles.Add(MatchKey(synonym), role);
            }
        }
    }
}
