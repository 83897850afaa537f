using System.ComponentModel;
using System.Globalization;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// Lets configuration give an <see cref="ApiKeyCredential"/> as plain text (<c>AutoDialer:Auth:ApiKeys:0 = "key"</c>), the
/// form every configuration used before keys had names, roles and scopes: the text is the key, the rest the defaults.
/// </summary>
internal sealed class ApiKeyCredentialConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string key ? new ApiKeyCredential { Key = key } : base.ConvertFrom(context, culture, value);
}
