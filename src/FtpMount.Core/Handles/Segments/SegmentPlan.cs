namespace FtpMount.Core.Handles.Segments;

/// <summary>How many ranged RETRs to run side by side, and how many bytes each one fetches.</summary>
internal readonly record struct SegmentPlan(int Count, int SegmentBytes);
