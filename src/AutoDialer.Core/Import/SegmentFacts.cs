using PhoneNumbers;

namespace AutoDialer.Core.Import;

/// <summary>What the metadata says of a Chinese mobile segment: the number type, and for a valid number its home province
/// and city (<see cref="MobileSegmentFacts"/>).</summary>
internal readonly record struct SegmentFacts(PhoneNumberType Type, string? Province, string? City);
