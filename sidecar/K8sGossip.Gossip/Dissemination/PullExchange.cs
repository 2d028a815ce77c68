using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Dissemination;

/// <summary>
/// The pull safety net: every pull interval, hello to a few random same-org channel peers, collect their
/// digests for the digest wait, request each missing item from one random owner, and accept responses for
/// the response wait. Everything is tied by nonces: a digest or response that answers no hello or request
/// this node sent, and a request for a hello the responder never received, is rejected and counted. An
/// answer to a nonce of a recent round that merely missed its window is an honest peer being slow (a busy
/// CPU, a long path): it is counted as late, never as a rejection, and a late response's data is still used.
/// </summary>
internal sealed class PullExchange : IDisposable
{
    private const int MaxHonoured = 4096;

    private readonly ChannelDissemination _d;
    private readonly Dictionary<PkiId, ulong> _roundNonces = [];
    private readonly HashSet<PkiId> _awaitingDigest = [];
    private readonly Dictionary<PkiId, ulong> _requests = [];
    private readonly Dictionary<ulong, List<PkiId>> _offers = [];
    private readonly Dictionary<(PkiId Peer, ulong Nonce), long> _honoured = [];
    private readonly Dictionary<(PkiId Peer, ulong Nonce), long> _missedDigests = [];
    private readonly Dictionary<(PkiId Peer, ulong Nonce), long> _missedResponses = [];
    private bool _digestOpen;
    private bool _responseOpen;
    private IDisposable? _ticker;
    private IDisposable? _phase;

    public PullExchange(ChannelDissemination dissemination) => _d = dissemination;

    public void Start() => _ticker = _d.Node.Every(_d.Options.PullInterval, "pull round", Round);

    public void Dispose()
    {
        _ticker?.Dispose();
        _phase?.Dispose();
    }

    public void OnHello(ReceivedMessage message)
    {
        var now = _d.Node.Time.GetTimestamp();
        if (_honoured.Count >= MaxHonoured)
        {
            RemoveExpired(_honoured, now + 1);

            if (_honoured.Count >= MaxHonoured)
            {
                return; // more concurrent pullers than any honest org has; they retry next round
            }
        }

        var nonce = message.Message.PullHello.Nonce;
        _honoured[(message.SenderPkiId, nonce)] = now + Ticks(_d.Options.RequestWaitTime);
        if (_d.Store.Count == 0)
        {
            return;
        }

        var digest = new PullDigest { Nonce = nonce };
        digest.SeqNums.AddRange(_d.Store.Sequences);
        _d.SendControl(message.SenderPkiId, new GossipMessage { Nonce = nonce, PullDigest = digest });
    }

    public void OnDigest(ReceivedMessage message)
    {
        var digest = message.Message.PullDigest;
        if (!_digestOpen
            || !_roundNonces.TryGetValue(message.SenderPkiId, out var nonce)
            || nonce != digest.Nonce
            || !_awaitingDigest.Remove(message.SenderPkiId))
        {
            if (_missedDigests.Remove((message.SenderPkiId, digest.Nonce)))
            {
                _d.Stats.PullLateAnswers++;
                return;
            }

            _d.Rejections.Reject(message.SenderPkiId, RejectionReason.UnexpectedContent, $"pull digest of channel {_d.Channel.Name} answers no open hello");
            return;
        }

        foreach (var seq in digest.SeqNums)
        {
            if (!_d.Wants(seq))
            {
                continue;
            }

            if (!_offers.TryGetValue(seq, out var owners))
            {
                owners = [];
                _offers.Add(seq, owners);
            }

            owners.Add(message.SenderPkiId);
        }
    }

    public void OnRequest(ReceivedMessage message)
    {
        var request = message.Message.PullRequest;
        var key = (message.SenderPkiId, request.Nonce);
        if (!_honoured.Remove(key, out var expiry))
        {
            _d.Rejections.Reject(message.SenderPkiId, RejectionReason.UnexpectedContent, $"pull request of channel {_d.Channel.Name} for no honoured hello");
            return;
        }

        if (expiry < _d.Node.Time.GetTimestamp())
        {
            // The hello was real; the requester is slow. Its answer is bounded by MaxPullItems like any other.
            _d.Stats.PullLateAnswers++;
        }

        var response = new PullResponse { Nonce = request.Nonce };
        long bytes = 0;
        foreach (var seq in request.SeqNums.Take(_d.Options.MaxPullItems))
        {
            if (_d.Store.TryGet(seq, out var item))
            {
                response.Data.Add(_d.Channel.CreateEnvelope(item.ToMessage()));
                bytes += item.Data.Length;
            }
        }

        if (response.Data.Count > 0 && _d.SendControl(message.SenderPkiId, new GossipMessage { Nonce = request.Nonce, PullResponse = response }))
        {
            _d.Stats.DataBytesSent += bytes;
        }
    }

    public void OnResponse(ReceivedMessage message)
    {
        var response = message.Message.PullResponse;
        if (!_responseOpen || !_requests.TryGetValue(message.SenderPkiId, out var nonce) || nonce != response.Nonce)
        {
            if (_missedResponses.Remove((message.SenderPkiId, response.Nonce)))
            {
                _d.Stats.PullLateAnswers++;
                IngestResponse(message, response);
                return;
            }

            _d.Rejections.Reject(message.SenderPkiId, RejectionReason.UnexpectedContent, $"pull response of channel {_d.Channel.Name} answers no outstanding request");
            return;
        }

        _requests.Remove(message.SenderPkiId);
        IngestResponse(message, response);
    }

    private void IngestResponse(ReceivedMessage message, PullResponse response)
    {
        foreach (var envelope in response.Data)
        {
            GossipMessage? item;
            try
            {
                item = GossipMessage.Parser.ParseFrom(envelope.Payload);
            }
            catch (InvalidProtocolBufferException)
            {
                item = null;
            }

            if (item is null || item.ContentCase != GossipMessage.ContentOneofCase.Data || item.Channel != message.Message.Channel)
            {
                _d.Rejections.Reject(message.SenderPkiId, RejectionReason.Malformed, $"pull response of channel {_d.Channel.Name} carries something other than this channel's data");
                return;
            }

            if (_d.Ingest(item.Data, item.Trace, message.SenderPkiId, DataSource.Pull, out var stored) == IngestResult.New)
            {
                _d.OnPulled(stored!, message.SenderPkiId);
            }
        }
    }

    private void Round()
    {
        _phase?.Dispose();
        Close();
        ForgetExpiredMisses();
        _d.Store.EvictExpired();

        var members = _d.Channel.OrgMembers();
        var count = Math.Min(_d.Options.PullPeers, members.Length);
        if (count == 0)
        {
            return;
        }

        var candidates = members.Select(m => m.PkiId).ToList();

        _d.Stats.PullRounds++;
        for (var i = 0; i < count; i++)
        {
            var pick = i + _d.Node.Random.Next(candidates.Count - i);
            (candidates[i], candidates[pick]) = (candidates[pick], candidates[i]);
            var nonce = (ulong)_d.Node.Random.NextInt64();
            if (_d.SendControl(candidates[i], new GossipMessage { Nonce = nonce, PullHello = new PullHello { Nonce = nonce } }))
            {
                _roundNonces[candidates[i]] = nonce;
                _awaitingDigest.Add(candidates[i]);
            }
        }

        _digestOpen = true;
        _phase = _d.Node.Schedule(_d.Options.DigestWaitTime, "pull requests", SendRequests);
    }

    private void SendRequests()
    {
        RememberMissed(_awaitingDigest.Select(p => (p, _roundNonces[p])), _missedDigests);
        _digestOpen = false;
        _awaitingDigest.Clear();
        var perOwner = new Dictionary<PkiId, PullRequest>();
        foreach (var (seq, owners) in _offers)
        {
            if (!_d.Wants(seq))
            {
                continue;
            }

            var owner = owners[_d.Node.Random.Next(owners.Count)];
            if (!perOwner.TryGetValue(owner, out var request))
            {
                request = new PullRequest { Nonce = _roundNonces[owner] };
                perOwner.Add(owner, request);
            }

            if (request.SeqNums.Count < _d.Options.MaxPullItems)
            {
                request.SeqNums.Add(seq);
            }
        }

        _offers.Clear();
        foreach (var (owner, request) in perOwner)
        {
            if (_d.SendControl(owner, new GossipMessage { Nonce = request.Nonce, PullRequest = request }))
            {
                _requests[owner] = request.Nonce;
            }
        }

        _responseOpen = _requests.Count > 0;
        _phase = _responseOpen ? _d.Node.Schedule(_d.Options.ResponseWaitTime, "pull close", Close) : null;
    }

    private void Close()
    {
        // Every round closes the previous one; an idle channel's has nothing outstanding and allocates nothing.
        if (_awaitingDigest.Count > 0)
        {
            RememberMissed(_awaitingDigest.Select(p => (p, _roundNonces[p])), _missedDigests);
        }

        if (_requests.Count > 0)
        {
            RememberMissed(_requests.Select(e => (e.Key, e.Value)), _missedResponses);
        }

        _digestOpen = false;
        _responseOpen = false;
        _roundNonces.Clear();
        _awaitingDigest.Clear();
        _requests.Clear();
        _offers.Clear();
    }

    /// <summary>Remembers unanswered nonces for one more pull interval, so that each may still be answered once, late.</summary>
    private void RememberMissed(IEnumerable<(PkiId Peer, ulong Nonce)> unanswered, Dictionary<(PkiId Peer, ulong Nonce), long> missed)
    {
        var keepUntil = _d.Node.Time.GetTimestamp() + Ticks(_d.Options.PullInterval);
        foreach (var key in unanswered)
        {
            missed[key] = keepUntil;
        }
    }

    private void ForgetExpiredMisses()
    {
        var now = _d.Node.Time.GetTimestamp();
        RemoveExpired(_missedDigests, now);
        RemoveExpired(_missedResponses, now);
    }

    /// <summary>Removes the entries whose timestamp is before <paramref name="now"/>.</summary>
    private static void RemoveExpired(Dictionary<(PkiId Peer, ulong Nonce), long> entries, long now)
    {
        foreach (var (key, expiry) in entries)
        {
            if (expiry < now)
            {
                entries.Remove(key); // allowed while enumerating: removal does not invalidate a Dictionary's enumerator
            }
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _d.Node.Time.TimestampFrequency);
}
