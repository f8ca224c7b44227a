$version: "2.0"

namespace com.amazonaws.codepipeline

use aws.api#service
use aws.auth#sigv4
use aws.protocols#awsJson1_1

/// AWS CodePipeline, seen from the side of a partner action: the calls a job worker
/// makes to report on the jobs that a pipeline hands to a third-party provider.
@awsJson1_1
@sigv4(name: "codepipeline")
@service(sdkId: "CodePipeline", endpointPrefix: "codepipeline", arnNamespace: "codepipeline")
@title("AWS CodePipeline")
service CodePipeline_20150709 {
    version: "2015-07-09"
    operations: [
        PutThirdPartyJobSuccessResult
    ]
}

/// Tells the pipeline that a third-party job finished well. A partner job worker calls it
/// once its work for the job is done, or, with a continuation token, to report progress
/// on work that is still running.
operation PutThirdPartyJobSuccessResult {
    input: PutThirdPartyJobSuccessResultInput
    output: Unit
    errors: [
        InvalidClientTokenException
        InvalidJobStateException
        JobNotFoundException
        ValidationException
    ]
}

/// What a job worker sends when it reports that a third-party job succeeded.
structure PutThirdPartyJobSuccessResultInput {
    /// Identifies the job being reported on; it is the ID that PollForThirdPartyJobs
    /// handed to the worker.
    @required
    jobId: ThirdPartyJobId

    /// The secret half of the client ID and token pair; it proves that the caller may act
    /// on this job.
    @required
    clientToken: ClientToken

    /// The source revision the job worked on, when the action produced or tracked one.
    currentRevision: CurrentRevision

    /// An opaque value chosen by the worker (a deployment ID, for instance) that marks the
    /// action as still running. The pipeline passes it back on the next job for the same
    /// action; leave it out once the action has finished.
    continuationToken: ContinuationToken

    /// What the action did and how far it got, shown to the pipeline's users.
    executionDetails: ExecutionDetails
}

/// A source revision as the job worker saw it.
structure CurrentRevision {
    /// The revision itself, such as a commit ID or an object version.
    @required
    revision: Revision

    /// An identifier of the change that produced the revision.
    @required
    changeIdentifier: RevisionChangeIdentifier

    /// When the revision was made. It travels as seconds since the Unix epoch.
    created: Time

    /// A short, human-readable account of the revision, such as a commit message.
    revisionSummary: RevisionSummary
}

/// An account of the work an action carried out and of its progress.
structure ExecutionDetails {
    /// A short description of the outcome, for people reading the pipeline's history.
    summary: ExecutionSummary

    /// The identifier the partner's own system gave to this run of the action, such as
    /// a build or deployment ID.
    externalExecutionId: ExecutionId

    /// How much of the work is done, as a whole percentage.
    percentComplete: Percentage
}

/// The identifier of a third-party job.
@length(min: 1, max: 512)
string ThirdPartyJobId

/// A token that authorises the caller to act on a job.
@length(min: 1, max: 256)
string ClientToken

/// A worker-defined token that links later jobs to an action still in progress.
@length(min: 1, max: 2048)
string ContinuationToken

/// A revision identifier, such as a commit ID.
@length(min: 1, max: 1500)
string Revision

/// The identifier of the change behind a revision.
@length(min: 1, max: 100)
string RevisionChangeIdentifier

/// A summary of a revision.
@length(min: 1, max: 2048)
string RevisionSummary

/// A summary of what an action run did.
@length(min: 1, max: 2048)
string ExecutionSummary

/// An identifier that an external system gave to an action run.
@length(min: 1, max: 1500)
string ExecutionId

/// A whole percentage, from 0 to 100.
@range(min: 0, max: 100)
integer Percentage

/// A point in time.
timestamp Time

/// A human-readable explanation that comes with an error.
@length(min: 1, max: 5000)
string Message

/// The client token does not belong to the job, or is not a valid token.
@error("client")
structure InvalidClientTokenException {
    /// What was wrong with the token.
    message: Message
}

/// The job is in a state in which it cannot take this result, for instance because it
/// has already finished.
@error("client")
structure InvalidJobStateException {
    /// Why the job's state rules the request out.
    message: Message
}

/// No job with the given ID exists, or the ID is not well formed.
@error("client")
structure JobNotFoundException {
    /// Which job could not be found.
    message: Message
}

/// The request broke one of the constraints of its input.
@error("client")
structure ValidationException {
    /// Which values broke which constraints.
    message: Message
}
