$version: "2"

namespace example.tally

use aws.auth#sigv4
use aws.protocols#awsJson1_0

/// Counts things: a service of its own, for the codegen CLI outside its repository.
@awsJson1_0
@sigv4(name: "tally")
service Tally {
    version: "2026-12-01"
    operations: [AddCount, GetCount]
}

/// Adds to a named counter.
operation AddCount {
    input := {
        @required
        @length(min: 1, max: 32)
        name: String

        @required
        @range(min: 1)
        amount: Integer
    }
    output := {
        total: Integer
    }
}

/// Reads a named counter.
operation GetCount {
    input := {
        @required
        name: String
    }
    output := {
        total: Integer
    }
    errors: [NoSuchCounter]
}

/// No counter has that name.
@error("client")
structure NoSuchCounter {
    message: String
}
