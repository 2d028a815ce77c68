namespace K8sGossip.Operator.Crds.Schema;

/// <summary>The kind of a field error, as Kubernetes names them in API responses.</summary>
public enum FieldErrorType
{
    /// <summary>A required field is missing ("Required value").</summary>
    Required,

    /// <summary>A value breaks a rule ("Invalid value").</summary>
    Invalid,

    /// <summary>A value is not one of the allowed values ("Unsupported value").</summary>
    NotSupported,

    /// <summary>A reference names nothing that exists ("Not found").</summary>
    NotFound,

    /// <summary>A value that must be unique repeats ("Duplicate value").</summary>
    Duplicate,

    /// <summary>A field is set where it is not allowed ("Forbidden").</summary>
    Forbidden,

    /// <summary>A field the schema does not declare ("Unknown field").</summary>
    UnknownField,
}
