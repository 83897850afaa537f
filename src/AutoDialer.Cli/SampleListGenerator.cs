using System.Globalization;
using System.Text;

namespace AutoDialer.Cli;

/// <summary>
/// Writes a realistic contact list: Chinese names and cities, phone numbers in the formats real exports contain
/// (spaces, dashes, +86/0086, Excel's ="…" and .0, full-width digits, landlines), about 2 % bad rows and
/// 2 % duplicates in another format. Deterministic for a seed.
/// </summary>
internal sealed class SampleListGenerator(int seed)
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "晓东"];
    // Every one of these cities has 8-digit local numbers: a landline written with 7 would be a number that cannot exist.
    private static readonly (string City, string AreaCode)[] Cities = [("北京", "010"), ("上海", "021"), ("广州", "020"), ("深圳", "0755"), ("杭州", "0571"), ("成都", "028"), ("武汉", "027"), ("南京", "025")];
    private static readonly string[] Tiers = ["A", "B", "C", "VIP"];
    private static readonly string[] MobilePrefixes = ["130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "158", "159", "176", "177", "180", "186", "187", "188", "189", "199"];

    public const string Header = "姓名,手机号码,城市,客户等级,备注";
    public const int Columns = 5;

    /// <summary>The list as a CSV file: UTF-8, CRLF, fields quoted where they need it.</summary>
    public void Write(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.NewLine = "\r\n";
        writer.WriteLine(Header);
        foreach (var record in Records(rows))
        {
            for (var i = 0; i < record.Length; i++)
            {
                if (i > 0)
                    writer.Write(',');
                writer.Write(record[i].AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + record[i].Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : record[i]);
            }
            writer.WriteLine();
        }
    }

    /// <summary>The header's columns, by name.</summary>
    public static IReadOnlyList<string> HeaderColumns { get; } = Header.Split(',');

    /// <summary>The list's records as their cells' text (<see cref="HeaderColumns"/>), in order, the same for a seed whatever the file format.</summary>
    public IEnumerable<string[]> Records(int rows)
    {
        var random = new Random(seed);
        var recent = new string[64];
        for (var i = 0; i < rows; i++)
        {
            var (city, area) = Cities[random.Next(Cities.Length)];
            var name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
            var roll = random.NextDouble();
            string phone;
            if (roll < 0.02)
                phone = BadNumber(random);
            else if (roll < 0.04 && i > recent.Length)
                phone = Reformat(recent[random.Next(recent.Length)], random);
            else
            {
                var digits = random.NextDouble() < 0.9
                    ? MobilePrefixes[random.Next(MobilePrefixes.Length)] + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture)
                    : area + random.Next(20_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
                recent[i % recent.Length] = digits;
                phone = Reformat(digits, random);
            }
            var note = random.NextDouble() < 0.1 ? "回访, 已预约" : "";
            yield return [name, phone, city, Tiers[random.Next(Tiers.Length)], note];
        }
    }

    private static string Reformat(string digits, Random random) => random.Next(10) switch
    {
        0 when digits[0] == '1' => $"{digits[..3]} {digits[3..7]} {digits[7..]}",
        1 when digits[0] == '1' => $"+86 {digits[..3]}-{digits[3..7]}-{digits[7..]}",
        2 => "0086" + (digits[0] == '0' ? digits[1..] : digits),
        3 => $"=\"{digits}\"",
        4 when digits[0] == '1' => digits + ".0",
        5 => ToFullWidth(digits),
        6 when digits[0] == '0' => $"{digits[..(digits.Length - 8)]}-{digits[^8..]}",
        _ => digits,
    };

    private static string BadNumber(Random random) => random.Next(5) switch
    {
        0 => "1.38001E+10",
        1 => random.Next(1000, 99999).ToString(CultureInfo.InvariantCulture),
        2 => "",
        3 => "未知",
        _ => "1" + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture) + "99999",
    };

    private static string ToFullWidth(string digits) =>
        string.Create(digits.Length, digits, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = char.IsAsciiDigit(source[i]) ? (char)('０' + (source[i] - '0')) : source[i];
        });
}
