using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

public sealed class BaselineDiffTests
{
    [Fact]
    public void Diff_marks_removed_then_added_lines_and_keeps_the_rest() =>
        Assert.Equal(
            "  a\n- b\n+ B\n  c\n+ d\n",
            Baseline.Diff("a\nb\nc", "a\nB\nc\nd").Replace("\r\n", "\n"));
}
