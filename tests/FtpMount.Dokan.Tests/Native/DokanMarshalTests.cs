using FtpMount.Dokan.Native;

namespace FtpMount.Dokan.Tests.Native;

public sealed unsafe class DokanMarshalTests
{
    private static readonly DateTimeOffset When = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void Find_data_carries_name_size_halves_attributes_and_times()
    {
        var entry = new DokanFindData("report.txt", FileAttributes.Normal, When, When, When, (5L << 32) + 7);
        WIN32_FIND_DATAW data;
        DokanMarshal.Fill(entry, &data);

        Assert.Equal("report.txt", new string(data.cFileName));
        Assert.Equal(5u, data.nFileSizeHigh);
        Assert.Equal(7u, data.nFileSizeLow);
        Assert.Equal((uint)FileAttributes.Normal, data.dwFileAttributes);
        Assert.Equal(When.ToFileTime(), data.ftLastWriteTime.Ticks);
        Assert.Equal(0, data.cAlternateFileName[0]);
    }

    [Fact]
    public void A_date_before_1601_from_a_server_becomes_the_FILETIME_epoch_instead_of_failing_the_listing()
    {
        var entry = new DokanFindData("old.txt", FileAttributes.Normal, default, new DateTimeOffset(1500, 1, 1, 0, 0, 0, TimeSpan.Zero), When, 0);
        WIN32_FIND_DATAW data;
        DokanMarshal.Fill(entry, &data);

        Assert.Equal(0, data.ftCreationTime.Ticks);
        Assert.Equal(0, data.ftLastAccessTime.Ticks);
        Assert.Equal(When.ToFileTime(), data.ftLastWriteTime.Ticks);
    }

    [Fact]
    public void A_name_longer_than_MAX_PATH_is_cut_and_still_terminated()
    {
        var entry = new DokanFindData(new string('x', 300), FileAttributes.Normal, When, When, When, 0);
        WIN32_FIND_DATAW data;
        DokanMarshal.Fill(entry, &data);
        Assert.Equal(259, new string(data.cFileName).Length);
    }

    [Fact]
    public void File_information_splits_size_and_index_into_high_and_low_words()
    {
        var information = new DokanFileInformation(FileAttributes.Directory, When, When, When, 0x1_0000_0002, 0xAAAA_BBBB_CCCC_DDDD, 0x1234);
        BY_HANDLE_FILE_INFORMATION buffer;
        DokanMarshal.Fill(information, &buffer);

        Assert.Equal((uint)FileAttributes.Directory, buffer.dwFileAttributes);
        Assert.Equal(1u, buffer.nFileSizeHigh);
        Assert.Equal(2u, buffer.nFileSizeLow);
        Assert.Equal(0xAAAABBBBu, buffer.nFileIndexHigh);
        Assert.Equal(0xCCCCDDDDu, buffer.nFileIndexLow);
        Assert.Equal(0x1234u, buffer.dwVolumeSerialNumber);
        Assert.Equal(1u, buffer.nNumberOfLinks);
        Assert.Equal(When.ToFileTime(), buffer.ftCreationTime.Ticks);
    }

    [Fact]
    public void Strings_are_cut_to_the_callers_buffer_in_characters_with_a_terminator()
    {
        var buffer = stackalloc char[6];
        DokanMarshal.CopyTerminated("FtpMount", buffer, 6);
        Assert.Equal("FtpMo", new string(buffer));

        DokanMarshal.CopyTerminated("NTFS", buffer, 6);
        Assert.Equal("NTFS", new string(buffer));

        DokanMarshal.CopyTerminated("ignored", buffer, 0);
        Assert.Equal("NTFS", new string(buffer));
    }

    [Fact]
    public void File_info_round_trips_context_and_directory_flag_only()
    {
        var native = new DOKAN_FILE_INFO { Context = 42, DeletePending = 1, PagingIo = 1, WriteToEndOfFile = 1, ProcessId = 7, DokanContext = 99 };
        var managed = DokanMarshal.ToManaged(&native);
        Assert.Equal(42ul, managed.Context);
        Assert.True(managed.DeletePending);
        Assert.True(managed.PagingIo);
        Assert.True(managed.WriteToEndOfFile);
        Assert.False(managed.IsDirectory);
        Assert.Equal(7, managed.ProcessId);

        managed.Context = 43;
        managed.IsDirectory = true;
        managed.DeletePending = false;
        DokanMarshal.Store(managed, &native);
        Assert.Equal(43ul, native.Context);
        Assert.Equal(1, native.IsDirectory);
        Assert.Equal(1, native.DeletePending);
        Assert.Equal(99ul, native.DokanContext);
    }

    [Fact]
    public void SetFileTime_special_values_mean_leave_unchanged()
    {
        Assert.Null(FILETIME.Requested(null));
        var zero = default(FILETIME);
        Assert.Null(FILETIME.Requested(&zero));
        var stop = new FILETIME { dwLowDateTime = 0xFFFFFFFF, dwHighDateTime = 0xFFFFFFFF };
        Assert.Null(FILETIME.Requested(&stop));
        var resume = new FILETIME { dwLowDateTime = 0xFFFFFFFE, dwHighDateTime = 0xFFFFFFFF };
        Assert.Null(FILETIME.Requested(&resume));
        var real = FILETIME.From(When);
        Assert.Equal(When, FILETIME.Requested(&real));
    }

    [Fact]
    public void Null_path_is_the_root()
    {
        Assert.Equal("\\", DokanMarshal.PathOf(null));
        fixed (char* path = "\\dir\\file")
        {
            Assert.Equal("\\dir\\file", DokanMarshal.PathOf(path));
        }
    }
}
