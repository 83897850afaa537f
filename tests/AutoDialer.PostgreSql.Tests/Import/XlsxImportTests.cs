using System.IO.Compression;
using System.Text;
using AutoDialer.Core.Import;
using AutoDialer.PostgreSql.Import;
using AutoDialer.Testing;
using Dapper;
using Npgsql;
using static AutoDialer.Testing.XlsxBuilder;

namespace AutoDialer.PostgreSql.Tests.Import;

/// <summary>.xlsx lists through the same importer as CSV: the first sheet, sheet row numbers, the same rules.</summary>
[Collection("postgres")]
public sealed class XlsxImportTests(PostgresFixture postgres) : IAsyncLifetime, IDisposable
{
    private readonly ListFiles files = new();
    private NpgsqlDataSource db = null!;
    private ContactListImporter importer = null!;

    public async Task InitializeAsync()
    {
        db = await postgres.CreateDatabaseAsync("xlsx");
        importer = new ContactListImporter(db) { FileOptions = new ListFileOptions { XlsxCacheDirectory = files.PathOf("cache") } };
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    public void Dispose() => files.Dispose();

    /// <summary>
    /// Sheet rows: 1 header; 2 a mobile as a numeric cell, a date, a boolean; 3 a formatted mobile as text, an empty
    /// cell mid-row, a date and time; 4 absent; 5 the row 2 mobile again with a float artefact (a duplicate); 6 too
    /// short; 7 a value past the header (H7); 8 an empty row; 9 a +86 mobile as text. A second sheet is never read.
    /// </summary>
    private static byte[] ContactsWorkbook()
    {
        var book = new XlsxBuilder().Sheet("名单", "A1:H9");
        return book
            .Row(1, book.Text("A1", "手机号"), book.Text("B1", "姓名"), book.Text("C1", "时区"), book.Text("D1", "注册日期"), book.Text("E1", "VIP"), book.Text("F1", "备注"))
            .Row(2, Number("A2", "13800138000"), book.Text("B2", "张三"), book.Text("C2", "Asia/Shanghai"), Date("D2", new DateTime(2024, 3, 5)), Boolean("E2", true))
            .Row(3, book.Text("A3", "139 0013 9000"), book.Text("B3", "李四"), Date("D3", new DateTime(2024, 3, 5, 13, 0, 0)), book.Text("F3", "ok"))
            .Row(5, Number("A5", "13800138000.000002"), book.Text("B5", "重复"))
            .Row(6, Number("A6", "12345"), book.Text("B6", "短"))
            .Row(7, Number("A7", "13700137000"), book.Text("B7", "王五"), book.Text("H7", "extra"))
            .Row(8)
            .Row(9, InlineText("A9", "+86 137-0013-7001"), book.Text("B9", "赵六"), Number("F9", "43357.200000000004"))
            .Sheet("其他")
            .Row(1, book.Text("A1", "phone"))
            .Row(2, Number("A2", "13900000000"))
            .ToBytes();
    }

    [Fact]
    public async Task The_first_sheet_is_imported_with_sheet_row_numbers_and_the_rules_of_a_csv()
    {
        var path = files.WriteBytes("contacts.xlsx", ContactsWorkbook());

        var result = await importer.ImportAsync(path, "xlsx");

        Assert.Equal((6, 3, 2, 1, 0), (result.Rows, result.Accepted, result.Rejected, result.Duplicates, result.Suppressed));
        Assert.Equal(("xlsx", "", ListFormat.Xlsx), (result.Encoding, result.Delimiter, result.Format));
        await using var connection = await db.OpenConnectionAsync();
        var contacts = (await connection.QueryAsync<(int line_no, string phone, string? name, string? timezone, string attributes)>(
            "select line_no, phone, name, timezone, attributes::text from contacts order by line_no")).ToList();
        Assert.Equal([(2, "+8613800138000", "张三", "Asia/Shanghai"), (3, "+8613900139000", "李四", null), (9, "+8613700137001", "赵六", null)],
            contacts.Select(c => (c.line_no, c.phone, c.name, c.timezone)));
        Assert.Equal("""{"VIP": "TRUE", "注册日期": "2024-03-05"}""", contacts[0].attributes);
        Assert.Equal("""{"备注": "ok", "注册日期": "2024-03-05 13:00:00"}""", contacts[1].attributes);
        Assert.Equal("""{"备注": "43357.2"}""", contacts[2].attributes);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from contacts where phone = '+8613900000000'"));

        var rejects = (await connection.QueryAsync<(int line_no, string reason, string[] fields)>(
            "select line_no, reason, fields from import_rejects order by line_no")).ToList();
        Assert.Equal([(5, "duplicate"), (6, "too_short"), (7, "extra_fields")], rejects.Select(r => (r.line_no, r.reason)));
        Assert.Equal(["13800138000", "重复"], rejects[0].fields);
        Assert.Equal(["13700137000", "王五", "", "", "", "", "", "extra"], rejects[2].fields);
        Assert.Equal(["手机号", "姓名", "时区", "注册日期", "VIP", "备注"],
            (await connection.ExecuteScalarAsync<string[]>("select header from contact_lists"))!);
    }

    [Fact]
    public async Task The_header_is_the_first_row_with_a_value_and_lines_count_from_the_top_of_the_sheet()
    {
        var book = new XlsxBuilder().Sheet("Sheet1");
        book.Row(3, book.Text("B3", "mobile")).Row(4, Number("B4", "13800138000")).Row(6, book.Text("B6", "1380013800"));
        var path = files.WriteBytes("offset.xlsx", book.ToBytes());

        var result = await importer.ImportAsync(path, "offset");

        Assert.Equal((2, 1, 1), (result.Rows, result.Accepted, result.Rejected));
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(4, await connection.ExecuteScalarAsync<int>("select line_no from contacts"));
        Assert.Equal(6, await connection.ExecuteScalarAsync<int>("select line_no from import_rejects"));
    }

    [Fact]
    public async Task The_same_workbook_twice_is_recognised_and_changes_nothing()
    {
        var path = files.WriteBytes("twice.xlsx", ContactsWorkbook());
        var first = await importer.ImportAsync(path, "twice");

        var second = await importer.ImportAsync(path, "twice");

        Assert.True(second.AlreadyImported);
        Assert.Equal((first.ListId, first.Accepted, ListFormat.Xlsx), (second.ListId, second.Accepted, second.Format));
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal((1, 3), (await connection.ExecuteScalarAsync<int>("select count(*) from contact_lists"),
            await connection.ExecuteScalarAsync<int>("select count(*) from contacts")));
    }

    [Fact]
    public async Task A_mapping_chosen_by_a_person_overrides_the_header_names_and_keeps_the_rest_as_attributes()
    {
        var book = new XlsxBuilder().Sheet("Sheet1");
        book.Rows([["手机号", "客户", "备用电话"], ["n/a", "张三", "13800138000"], ["unknown", "李四", "13800138001"]]);
        var path = files.WriteBytes("mapped.xlsx", book.ToBytes());

        var result = await importer.ImportAsync(path, "mapped", new ColumnMapping(Phone: 2, Name: 1), null, "mapped.xlsx", CancellationToken.None);

        Assert.Equal((2, 2, 0), (result.Rows, result.Accepted, result.Rejected));
        await using var connection = await db.OpenConnectionAsync();
        var contacts = (await connection.QueryAsync<(string phone, string name, string attributes)>(
            "select phone, name, attributes::text from contacts order by line_no")).ToList();
        Assert.Equal(("+8613800138000", "张三", """{"手机号": "n/a"}"""), contacts[0]);
    }

    [Fact]
    public async Task A_mapping_that_does_not_fit_the_list_is_refused_naming_the_column()
    {
        var path = files.Write("two.csv", "phone,name\n13800138000,A\n");

        var error = await Assert.ThrowsAsync<ContactListFormatException>(() =>
            importer.ImportAsync(path, "misfit", new ColumnMapping(Phone: 0, Name: 5), null, null, CancellationToken.None));

        Assert.Contains("name: column 5 does not exist", error.Message);
    }

    public static TheoryData<string, string> Unreadable => new()
    {
        { "old.xls", "old .xls workbook" },
        { "locked.xlsx", "password-protected" },
        { "garbage.xlsx", "not an .xlsx workbook" },
        { "garbage.bin", "not a spreadsheet" },
        { "truncated.xlsx", "damaged or incomplete" },
        { "no-workbook.xlsx", "has no worksheet" },
        { "report.doc", "not a spreadsheet" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task Files_that_are_no_readable_workbook_are_refused_naming_the_problem_and_import_nothing(string name, string expected)
    {
        var path = files.WriteBytes(name, UnreadableFile(name));

        var error = await Assert.ThrowsAsync<ContactListFormatException>(() => importer.ImportAsync(path, "refused"));

        Assert.Contains(expected, error.Message);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from contact_lists"));
        Assert.Empty(Directory.Exists(files.PathOf("cache")) ? Directory.GetFileSystemEntries(files.PathOf("cache")) : []);
    }

    [Fact]
    public async Task A_sheet_damaged_midway_names_the_last_row_read_and_imports_nothing()
    {
        // With its dimension, as Excel writes it (without one MiniExcel reads the whole sheet before the first row).
        var book = new XlsxBuilder().Sheet("Sheet1", "A1:A51");
        book.Rows(new[] { new[] { "phone" } }.Concat(Enumerable.Range(0, 50).Select(i => new[] { $"1380013{i:D4}" })));
        var path = files.WriteBytes("cut.xlsx", WithSheetCut(book.ToBytes(), "<row r=\"31\""));

        var error = await Assert.ThrowsAsync<ContactListFormatException>(() => importer.ImportAsync(path, "cut"));

        Assert.Contains("damaged after sheet row 30", error.Message);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from contacts"));
        Assert.Empty(Directory.GetFileSystemEntries(files.PathOf("cache")));
    }

    private static byte[] UnreadableFile(string name)
    {
        var random = new byte[4096];
        new Random(11).NextBytes(random);
        random[0] = 0x01;
        return name switch
        {
            "old.xls" => CompoundFileBuilder.Build("Workbook", "\u0005SummaryInformation"),
            "locked.xlsx" => CompoundFileBuilder.Build("EncryptionInfo", "EncryptedPackage"),
            "report.doc" => CompoundFileBuilder.Build("WordDocument"),
            "garbage.xlsx" or "garbage.bin" => random,
            "truncated.xlsx" => ContactsWorkbook()[..(ContactsWorkbook().Length / 2)],
            "no-workbook.xlsx" => ZipOf("readme.txt", "just a zip"),
            _ => throw new ArgumentException(name),
        };
    }

    private static byte[] ZipOf(string entry, string text)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry(entry).Open()))
            writer.Write(text);
        return memory.ToArray();
    }

    /// <summary>The workbook with its first sheet's XML cut just before <paramref name="marker"/> (the zip itself stays valid).</summary>
    private static byte[] WithSheetCut(byte[] workbook, string marker)
    {
        using var source = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        using var memory = new MemoryStream();
        using (var target = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                if (entry.FullName == "xl/worksheets/sheet1.xml")
                {
                    var text = new StreamReader(from).ReadToEnd();
                    to.Write(Encoding.UTF8.GetBytes(text[..(text.IndexOf(marker, StringComparison.Ordinal) + 12)]));
                }
                else
                    from.CopyTo(to);
            }
        return memory.ToArray();
    }
}
