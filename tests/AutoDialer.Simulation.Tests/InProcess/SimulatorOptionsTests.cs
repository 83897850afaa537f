using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using AutoDialer.Simulation.Pages;
using AutoDialer.Simulation.Vendors;

namespace AutoDialer.Simulation.Tests.InProcess;

public sealed class SimulatorOptionsTests
{
    [Theory]
    [InlineData("13800099990", CustomerResponse.Invalid)]
    [InlineData("+86 138-0009-9991", CustomerResponse.Busy)]
    [InlineData("13800099992", CustomerResponse.NoAnswer)]
    [InlineData("13800099993", CustomerResponse.Reject)]
    [InlineData("13800099994", CustomerResponse.Answer)]
    [InlineData("13800099995", CustomerResponse.Fail)]
    [InlineData("", CustomerResponse.Invalid)]
    [InlineData("abc", CustomerResponse.Invalid)]
    [InlineData("13800099996", null)]
    [InlineData("13800009994", null)]
    [InlineData("13800138000", null)]
    [InlineData("99994", CustomerResponse.Answer)]
    [InlineData("9994", null)]
    internal void Number_suffix_rule(string number, CustomerResponse? expected)
    {
        Assert.Equal(expected, NumberSuffixRule.Resolve(number));
    }

    [Fact]
    public void Distributions_stay_in_their_bounds()
    {
        var random = new Random(3);
        var uniform = DurationDistribution.Uniform(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
        var logNormal = DurationDistribution.LogNormal(TimeSpan.FromSeconds(60), 1.5, TimeSpan.FromMinutes(5));

        var uniformDraws = Enumerable.Range(0, 1000).Select(_ => uniform.Sample(random)).ToList();
        var logNormalDraws = Enumerable.Range(0, 1000).Select(_ => logNormal.Sample(random)).Order().ToList();

        Assert.All(uniformDraws, d => Assert.InRange(d, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)));
        Assert.All(logNormalDraws, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMinutes(5)));
        Assert.InRange(logNormalDraws[500].TotalSeconds, 45, 80); // the median
        Assert.Equal(TimeSpan.FromSeconds(7), DurationDistribution.Fixed(TimeSpan.FromSeconds(7)).Sample(random));
    }

    [Fact]
    public void Customer_probabilities_pick_in_a_fixed_order()
    {
        var customers = new CustomerBehaviour { AnswerProbability = 0.5, BusyProbability = 0.2, RejectProbability = 0.1, FailureProbability = 0.1 };

        Assert.Equal(
            [CustomerResponse.Answer, CustomerResponse.Busy, CustomerResponse.Reject, CustomerResponse.Fail, CustomerResponse.NoAnswer],
            new[] { 0.49, 0.69, 0.79, 0.89, 0.95 }.Select(customers.Pick));
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        var clock = new ManualTimeProvider();

        Assert.Throws<ArgumentException>(() => new SimulatedCallCenter(new SimulatorOptions { AgentIds = ["a", "a"] }, clock));
        Assert.Throws<ArgumentException>(() => new SimulatedCallCenter(new SimulatorOptions { Faults = new SimulatorFaults { DropRate = 1.5 } }, clock));
        Assert.Throws<ArgumentException>(() => new SimulatedCallCenter(
            new SimulatorOptions { Customers = new CustomerBehaviour { AnswerProbability = 0.9, BusyProbability = 0.2 } }, clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => DurationDistribution.Uniform(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
    }
}
