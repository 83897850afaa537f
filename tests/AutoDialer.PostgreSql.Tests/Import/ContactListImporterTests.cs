using System.Text;
using AutoDialer.PostgreSql.DoNotCall;
using AutoDialer.PostgreSql.Import;
using AutoDialer.PostgreSql.Reports;
using AutoDialer.Testing;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.Import;

[Collection("postgres")]
public sealed class ContactListImporterTests(PostgresFixture postgres) : IAsyncLifetime, IDisposable
{
    private readonly ListFiles files = new();
    private NpgsqlDataSource db = null!;
    private ContactListImporter importer = null!;

    public async Task InitializeAsync()
    {
        db = await postgres.CreateDatabaseAsync("import");
        importer = new ContactListImporter(db);
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Imports_a_list_end_to_end_with_counts_that_add_up()
    {
        var path = files.Write("list.csv", """
            姓名,手机号码,城市
            王伟,13800138000,北京
            李娜,138 0013 8001,上海
            张敏,1.38001E+10,深圳
            刘洋,+86 138-0013-8000,广州
            陈静,,杭州
            """.ReplaceLineEndings("\r\n"));

        var result = await importer.ImportAsync(path, "spring");

        Assert.Equal((5, 2, 2, 1, 0), (result.Rows, result.Accepted, result.Rejected, result.Duplicates, result.Suppressed));
        Assert.Equal("utf-8", result.Encoding);
        Assert.Equal(",", result.Delimiter);
        await using var connection = await db.OpenConnectionAsync();
        var contacts = (await connection.QueryAsync<(string phone, string name, int line_no, string attributes)>(
            "select phone, name, line_no, attributes::text from contacts order by line_no")).ToList();
        Assert.Equal([("+8613800138000", "王伟", 2), ("+8613800138001", "李娜", 3)], contacts.Select(c => (c.phone, c.name, c.line_no)));
        Assert.Contains("\"城市\": \"北京\"", contacts[0].attributes);
        var rejects = (await connection.QueryAsync<(int line_no, string reason, string[] fields)>(
            "select line_no, reason, fields from import_rejects order by line_no")).ToList();
        Assert.Equal([(4, "excel_scientific"), (5, "duplicate"), (6, "empty")], rejects.Select(r => (r.line_no, r.reason)));
        Assert.Equal(["刘洋", "+86 138-0013-8000", "广州"], rejects[1].fields);
    }

    [Fact]
    public async Task Numbers_that_cannot_exist_are_rejected_as_invalid_number_with_their_lines_and_the_rest_keep_their_kind_and_city()
    {
        var path = files.Write("real.csv", """
            姓名,手机号码
            王伟,139 1234 5678
            李娜,0755-8888888
            张敏,+86 140 1234 5678
            刘洋,0755-12345678
            陈静,+44 20 7946 0958
            """.ReplaceLineEndings("\r\n"));

        var result = await importer.ImportAsync(path, "real");

        Assert.Equal((5, 3, 2), (result.Rows, result.Accepted, result.Rejected));
        await using var connection = await db.OpenConnectionAsync();
        var rejects = (await connection.QueryAsync<(int line_no, string reason, string[] fields)>(
            "select line_no, reason, fields from import_rejects order by line_no")).ToList();
        Assert.Equal([(3, "invalid_number"), (4, "invalid_number")], rejects.Select(r => (r.line_no, r.reason)));
        Assert.Equal(["李娜", "0755-8888888"], rejects[0].fields);
        var contacts = await connection.QueryAsync<(string phone, string? number_type, string? province, string? city)>(
            "select phone, number_type, province, city from contacts order by line_no");
        Assert.Equal(
            [("+8613912345678", "mobile", "江苏省", "常州市"), ("+8675512345678", "fixed_line", "广东省", "深圳市"), ("+442079460958", "fixed_line", null, null)],
            contacts);
    }

    [Fact]
    public async Task Lists_loaded_through_sql_keep_the_kind_and_city_too()
    {
        var path = files.Write("staged.csv", "phone\n13912345678\n075512345678\n0755-8888888\n13800138000\n");

        var result = await new ContactListImporter(db) { MaxKeySlots = 2 }.ImportAsync(path, "staged");

        Assert.Equal((3, 1), (result.Accepted, result.Rejected));
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal("invalid_number", await connection.ExecuteScalarAsync<string>("select reason from import_rejects where line_no = 4"));
        var contacts = await connection.QueryAsync<(string phone, string? number_type, string? province, string? city)>(
            "select phone, number_type, province, city from contacts order by line_no");
        Assert.Equal(
            [("+8613912345678", "mobile", "江苏省", "常州市"), ("+8675512345678", "fixed_line", "广东省", "深圳市"), ("+8613800138000", "mobile", "北京市", "北京市")],
            contacts);
    }

    [Fact]
    public async Task Line_numbers_are_physical_lines_where_the_record_starts()
    {
        var path = files.Write("multiline.csv",
            "phone,note\r\n13800138000,\"first\r\nsecond\r\nthird\"\r\n\r\n12345,short\r\n");

        var result = await importer.ImportAsync(path, "lines");

        Assert.Equal(2, result.Rows);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(6, await connection.ExecuteScalarAsync<int>("select line_no from import_rejects"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("select line_no from contacts"));
    }

    [Fact]
    public async Task Duplicates_count_across_two_lists_of_the_same_campaign_and_not_across_campaigns()
    {
        var first = files.Write("a.csv", "phone\n13800138000\n13800138001\n");
        var second = files.Write("b.csv", "mobile\n138-0013-8001\n13800138002\n");

        await importer.ImportAsync(first, "c1");
        var again = await importer.ImportAsync(second, "c1");
        var other = await importer.ImportAsync(second, "c2");

        Assert.Equal((1, 1), (again.Accepted, again.Duplicates));
        Assert.Equal((2, 0), (other.Accepted, other.Duplicates));
    }

    [Fact]
    public async Task Numbers_on_the_do_not_call_list_are_kept_suppressed_and_counted()
    {
        await new DoNotCallList(db).AddAsync(["138 0013 8001"]);
        var path = files.Write("dnc.csv", "phone\n13800138000\n+8613800138001\n");

        var result = await importer.ImportAsync(path, "dnc");

        Assert.Equal((2, 1, 1), (result.Rows, result.Accepted, result.Suppressed));
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal("suppressed", await connection.ExecuteScalarAsync<string>("select state from contacts where phone = '+8613800138001'"));
    }

    [Fact]
    public async Task Lists_whose_numbers_outgrow_the_in_memory_set_load_through_sql_with_the_same_result()
    {
        await new DoNotCallList(db).AddAsync(["13900000007", "13900000044"]);
        var first = files.Write("first.csv", "phone\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => $"1390000{i:D4}")) + "\n");
        // 81 distinct numbers (0-89 less nine), nine repeated within the file, ten invalid; 0-29 are in the first list too.
        var second = files.Write("second.csv", "phone,name\n" + string.Join("\n", Enumerable.Range(0, 100).Select(i =>
            i % 10 == 3 ? $"12345,bad{i}" : $"1390000{i * 7 % 90:D4},n{i}")) + "\n");
        var holds12 = new ContactListImporter(db) { MaxKeySlots = 16 };
        var holds48 = new ContactListImporter(db) { MaxKeySlots = 64 };

        await importer.ImportAsync(first, "in-memory");
        var inMemory = await importer.ImportAsync(second, "in-memory");
        await holds12.ImportAsync(first, "campaign-outgrows");      // overflows midway through the file
        var campaignOutgrows = await holds12.ImportAsync(second, "campaign-outgrows"); // overflows on the campaign's numbers
        var freshInMemory = await importer.ImportAsync(second, "fresh-in-memory");
        var fileOutgrows = await holds48.ImportAsync(second, "file-outgrows");

        Assert.Equal((100, 10, 1), (inMemory.Rows, inMemory.Rejected, inMemory.Suppressed));
        Assert.Equal(89, inMemory.Accepted + inMemory.Duplicates);
        Assert.Equal((100, 10, 9, 2, 79), (freshInMemory.Rows, freshInMemory.Rejected, freshInMemory.Duplicates, freshInMemory.Suppressed, freshInMemory.Accepted));
        Assert.Equal(Counts(inMemory), Counts(campaignOutgrows));
        Assert.Equal(Counts(freshInMemory), Counts(fileOutgrows));
        Assert.Equal(await OutcomeAsync(inMemory), await OutcomeAsync(campaignOutgrows));
        Assert.Equal(await OutcomeAsync(freshInMemory), await OutcomeAsync(fileOutgrows));

        static (int, int, int, int, int) Counts(ImportResult r) => (r.Rows, r.Accepted, r.Rejected, r.Duplicates, r.Suppressed);
    }

    private async Task<(string Contacts, string Rejects)> OutcomeAsync(ImportResult result)
    {
        await using var connection = await db.OpenConnectionAsync();
        var contacts = await connection.QueryAsync<string>(
            "select concat_ws(' ', line_no, phone, state, name) from contacts where list_id = @ListId order by line_no", result);
        var rejects = await connection.QueryAsync<string>(
            "select concat_ws(' ', line_no, reason, array_to_string(fields, '|')) from import_rejects where list_id = @ListId order by line_no", result);
        return (string.Join("; ", contacts), string.Join("; ", rejects));
    }

    [Fact]
    public async Task Reimporting_the_identical_file_changes_nothing()
    {
        var path = files.Write("same.csv", "phone\n13800138000\n13800138001\n");
        var first = await importer.ImportAsync(path, "again");

        var second = await importer.ImportAsync(path, "again");

        Assert.True(second.AlreadyImported);
        Assert.Equal(first.ListId, second.ListId);
        Assert.Equal(first.Accepted, second.Accepted);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from contact_lists"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("select count(*) from contacts"));
    }

    [Fact]
    public async Task A_failure_midway_leaves_nothing_behind()
    {
        var lines = string.Join("\n", Enumerable.Range(0, 30_000).Select(i => $"138{i:D8}"));
        var path = files.Write("big.csv", "phone\n" + lines + "\n");
        var failing = new ContactListImporter(db) { ProgressEvery = 1_000 };
        var progress = new ThrowingProgress(after: 5);

        await Assert.ThrowsAsync<IOException>(() => failing.ImportAsync(path, "atomic", progress));

        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from contacts"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from contact_lists"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from campaigns where name = 'atomic'"));
        // And the same file still imports afterwards: the content hash was not left behind.
        var result = await importer.ImportAsync(path, "atomic");
        Assert.Equal(30_000, result.Accepted);
    }

    [Fact]
    public async Task Gb18030_semicolon_list_with_chinese_headers_is_read_correctly()
    {
        var text = "客户姓名;联系电话;时区\r\n王伟;13800138000;Asia/Shanghai\r\n李娜;0755-81234567;\r\n";
        var path = files.Write("gbk.csv", text, GbEncoding());

        var result = await importer.ImportAsync(path, "gbk");

        Assert.Equal(("gb18030", ";", 2), (result.Encoding, result.Delimiter, result.Accepted));
        await using var connection = await db.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync<(string name, string timezone)>("select name, timezone from contacts where phone = '+8613800138000'");
        Assert.Equal(("王伟", "Asia/Shanghai"), row);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public async Task Utf16_lists_with_a_bom_are_read(string encodingName)
    {
        var encoding = new UnicodeEncoding(bigEndian: encodingName == "utf-16be", byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("电话\t姓名\r\n13800138000\t王伟\r\n")).ToArray();
        var path = files.WriteBytes("u16.csv", bytes);

        var result = await importer.ImportAsync(path, "u16-" + encodingName);

        Assert.Equal((encodingName, "\t", 1), (result.Encoding, result.Delimiter, result.Accepted));
    }

    [Theory]
    [InlineData("empty.csv", "", "empty")]
    [InlineData("header-only.csv", "phone,name\r\n", "no data rows")]
    [InlineData("no-phone.csv", "name,city\nA,B\n", "no phone column")]
    [InlineData("unbalanced.csv", "phone,name\n13800138000,\"Wang\n13800138001,Li\n", "unbalanced quote")]
    public async Task Files_that_cannot_be_imported_fail_with_a_clear_message_and_import_nothing(string name, string text, string expected)
    {
        var path = files.Write(name, text);

        var error = await Assert.ThrowsAsync<ContactListFormatException>(() => importer.ImportAsync(path, "broken"));

        Assert.Contains(expected, error.Message);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from contact_lists"));
    }

    [Fact]
    public async Task Binary_garbage_is_refused()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[100] = 0;
        var path = files.WriteBytes("garbage.bin", bytes);

        var error = await Assert.ThrowsAsync<ContactListFormatException>(() => importer.ImportAsync(path, "garbage"));
        Assert.Contains("not a CSV", error.Message);
    }

    [Fact]
    public async Task Ragged_rows_short_ones_are_read_and_long_ones_rejected()
    {
        var path = files.Write("ragged.csv", "phone,name,city\n13800138000\n13800138001,B,C,extra\n13800138002,C,D,,\n");

        var result = await importer.ImportAsync(path, "ragged");

        Assert.Equal((3, 2, 1), (result.Rows, result.Accepted, result.Rejected));
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal("extra_fields", await connection.ExecuteScalarAsync<string>("select reason from import_rejects"));
    }

    [Fact]
    public async Task Rejects_report_and_export_are_spreadsheet_safe_and_the_export_writes_the_normalised_number_as_plain_E164()
    {
        var path = files.Write("report.csv", "phone,note\n=\"13800138000\",=HYPERLINK(\"x\")\n12345,@SUM(1)\n");
        var result = await importer.ImportAsync(path, "report");

        using var rejects = new MemoryStream();
        await new ImportRejectsReport(db).WriteAsync(result.ListId, rejects);
        var rejectsText = Encoding.UTF8.GetString(rejects.ToArray()).TrimStart('\uFEFF');
        Assert.Equal("line,reason,phone,note\r\n3,too_short,12345,\"'@SUM(1)\"\r\n", rejectsText);

        using var export = new MemoryStream();
        await new ContactExporter(db).WriteAsync("report", export);
        var lines = Encoding.UTF8.GetString(export.ToArray()).TrimStart('\uFEFF').Split("\r\n");
        Assert.StartsWith("phone,name,state,attempts,last_outcome,last_disposition,last_attempt_at,list_id,line,note", lines[0]);
        Assert.StartsWith("+8613800138000,,pending,0,,,", lines[1]);
        Assert.EndsWith(",2,\"'=HYPERLINK(\"\"x\"\")\"", lines[1]);
    }

    private static Encoding GbEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    private sealed class ThrowingProgress(int after) : IProgress<ImportProgress>
    {
        private int reports;

        public void Report(ImportProgress value)
        {
            if (++reports >= after)
                throw new IOException("disk went away");
        }
    }
}
