using FtpMount.Core;

namespace FtpMount.Dokan.Tests.Adapter;

public sealed class CreationDispositionTests
{
    public static TheoryData<uint, CreationDisposition> Table => new()
    {
        { 0, CreationDisposition.CreateAlways },     // FILE_SUPERSEDE
        { 1, CreationDisposition.OpenExisting },     // FILE_OPEN
        { 2, CreationDisposition.CreateNew },        // FILE_CREATE
        { 3, CreationDisposition.OpenAlways },       // FILE_OPEN_IF
        { 4, CreationDisposition.TruncateExisting }, // FILE_OVERWRITE
        { 5, CreationDisposition.CreateAlways },     // FILE_OVERWRITE_IF
        { 6, CreationDisposition.Invalid },
        { uint.MaxValue, CreationDisposition.Invalid },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Kernel_dispositions_map_as_DokanMapKernelToUserCreateFileFlags_does(uint kernel, CreationDisposition expected) =>
        Assert.Equal(expected, CreationDispositions.FromKernel(kernel));

    [Fact]
    public void Only_create_new_create_always_and_open_always_create()
    {
        Assert.True(CreationDisposition.CreateNew.Creates());
        Assert.True(CreationDisposition.CreateAlways.Creates());
        Assert.True(CreationDisposition.OpenAlways.Creates());
        Assert.False(CreationDisposition.OpenExisting.Creates());
        Assert.False(CreationDisposition.TruncateExisting.Creates());
    }

    [Fact]
    public void A_file_another_create_made_meanwhile_is_refused_kept_or_emptied_as_an_existing_file_would_be()
    {
        Assert.Equal(CreateOverOpen.Refuse, CreationDisposition.CreateNew.WhenOpenAlready());
        Assert.Equal(CreateOverOpen.Keep, CreationDisposition.OpenAlways.WhenOpenAlready());
        Assert.Equal(CreateOverOpen.Truncate, CreationDisposition.CreateAlways.WhenOpenAlready());
    }
}
