namespace K8sGossip.Operator.Local.Load;

/// <summary>The transaction stream <c>up</c> submits: rate, size and how many submissions may wait for their block at once.</summary>
internal sealed record LoadOptions
{
    /// <summary>The default rate, in transactions per second over all channels.</summary>
    public const double DefaultRate = 20;

    /// <summary>The default payload size, in bytes.</summary>
    public const int DefaultTransactionBytes = 1024;

    /// <summary>The largest payload accepted (the orderer refuses larger envelopes).</summary>
    public const int MaxTransactionBytes = 1024 * 1024;

    /// <summary>Transactions per second over all channels; 0 submits none.</summary>
    public double Rate { get; init; } = DefaultRate;

    /// <summary>Payload bytes per transaction.</summary>
    public int TransactionBytes { get; init; } = DefaultTransactionBytes;

    /// <summary>Most submissions waiting for their block at once; beyond that, a due transaction is skipped (and counted).</summary>
    public int MaxInFlight { get; init; } = 64;

    /// <summary>How long one submission may take.</summary>
    public TimeSpan SubmitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The problems with these options, each naming its setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (double.IsNaN(Rate) || Rate < 0 || Rate > 100_000)
        {
            errors.Add("--rate must be between 0 and 100000 transactions per second");
        }

        if (TransactionBytes is < 1 or > MaxTransactionBytes)
        {
            errors.Add($"--tx-bytes must be between 1 and {MaxTransactionBytes}");
        }

        if (MaxInFlight < 1)
        {
            errors.Add("the submission concurrency must be at least 1");
        }

        return errors;
    }
}
