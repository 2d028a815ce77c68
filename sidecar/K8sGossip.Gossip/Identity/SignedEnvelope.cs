using Google.Protobuf;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Identity;

/// <summary>
/// Builds and checks envelopes of signed content (alive, leave, state info, leadership, application messages, the
/// handshake). The signature covers the serialized message; the optional secret part (the internal endpoint) is signed
/// separately so it can be stripped before the envelope goes to another organization without breaking the outer signature.
/// </summary>
public static class SignedEnvelope
{
    /// <summary>Serializes and signs <paramref name="message"/>; signs <paramref name="secret"/> separately when given.</summary>
    public static Envelope Create(GossipMessage message, ISigner signer, Secret? secret = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signer);
        var payload = message.ToByteArray();
        var envelope = new Envelope
        {
            Payload = ByteString.CopyFrom(payload),
            Signature = ByteString.CopyFrom(signer.Sign(payload)),
        };
        if (secret is not null)
        {
            var secretBytes = secret.ToByteArray();
            envelope.SecretEnvelope = new SecretEnvelope
            {
                Payload = ByteString.CopyFrom(secretBytes),
                Signature = ByteString.CopyFrom(signer.Sign(secretBytes)),
            };
        }

        return envelope;
    }

    /// <summary>An unsigned envelope, for point-to-point control messages whose sender the connection already proves.</summary>
    public static Envelope Unsigned(GossipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new Envelope { Payload = message.ToByteString() };
    }

    /// <summary>Verifies the signature over the payload, and over the secret part when present, against the stored
    /// identity of <paramref name="originator"/>.</summary>
    public static IdentityRejection Verify(Envelope envelope, PkiId originator, IIdentityStore identities)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(identities);
        var result = identities.Verify(originator, envelope.Payload.Span, envelope.Signature.Span);
        if (result != IdentityRejection.None || envelope.SecretEnvelope is null)
        {
            return result;
        }

        return identities.Verify(originator, envelope.SecretEnvelope.Payload.Span, envelope.SecretEnvelope.Signature.Span);
    }

    /// <summary>A copy without the secret part, for sending to another organization.</summary>
    public static Envelope WithoutSecret(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.SecretEnvelope is null ? envelope : new Envelope { Payload = envelope.Payload, Signature = envelope.Signature };
    }

    /// <summary>Reads the internal endpoint from the secret part; false when absent or undecodable.</summary>
    public static bool TryReadInternalEndpoint(Envelope envelope, out string internalEndpoint)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        internalEndpoint = string.Empty;
        if (envelope.SecretEnvelope is null || envelope.SecretEnvelope.Payload.IsEmpty)
        {
            return false;
        }

        try
        {
            var secret = Secret.Parser.ParseFrom(envelope.SecretEnvelope.Payload);
            if (secret.ContentCase != Secret.ContentOneofCase.InternalEndpoint || secret.InternalEndpoint.Length == 0)
            {
                return false;
            }

            internalEndpoint = secret.InternalEndpoint;
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }
}
