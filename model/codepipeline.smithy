$version: "2.0"

// The enum members keep AWS's own names (JobFailed, ThirdParty...): they are the public
// API's, and SDKs expose them as constants. Smithy's style check would have them upper-case.
metadata suppressions = [
    {
        id: "EnumShape"
        namespace: "com.amazonaws.codepipeline"
        reason: "Enum member names are those of the public AWS API."
    }
]

namespace com.amazonaws.codepipeline

use aws.api#service
use aws.auth#sigv4
use aws.protocols#awsJson1_1

/// AWS CodePipeline, seen from the side of a partner action: the calls a job worker
/// makes to find, claim, read and report on the jobs that a pipeline hands to a
/// third-party provider.
@awsJson1_1
@sigv4(name: "codepipeline")
@service(sdkId: "CodePipeline", endpointPrefix: "codepipeline", arnNamespace: "codepipeline")
@title("AWS CodePipeline")
service CodePipeline_20150709 {
    version: "2015-07-09"
    operations: [
        AcknowledgeThirdPartyJob
        GetThirdPartyJobDetails
        PollForThirdPartyJobs
        PutThirdPartyJobFailureResult
        PutThirdPartyJobSuccessResult
    ]
}

/// Asks whether the pipeline has jobs waiting for a partner action of the given type.
/// Each job in the answer comes with the client ID whose token the worker uses in every
/// later call about that job. Answering may hand out temporary credentials for the
/// pipeline's artifact bucket, so only the action type's own worker should call it.
operation PollForThirdPartyJobs {
    input: PollForThirdPartyJobsInput
    output: PollForThirdPartyJobsOutput
    errors: [
        ActionTypeNotFoundException
        ValidationException
    ]
}

/// What a job worker sends when it looks for work.
structure PollForThirdPartyJobsInput {
    /// The partner action type whose jobs the worker can run.
    @required
    actionTypeId: ActionTypeId

    /// The most jobs the worker wants back from this one call.
    maxBatchSize: MaxBatchSize
}

/// The jobs found for the worker; an empty list means there is nothing to do yet.
@output
structure PollForThirdPartyJobsOutput {
    /// The jobs waiting for the worker, each named by its ID and client ID.
    jobs: ThirdPartyJobList
}

/// Tells the pipeline that a job worker has taken a job, so that no other worker takes it
/// too. The worker proves that it read the job by echoing the job's nonce.
operation AcknowledgeThirdPartyJob {
    input: AcknowledgeThirdPartyJobInput
    output: AcknowledgeThirdPartyJobOutput
    errors: [
        InvalidClientTokenException
        InvalidNonceException
        JobNotFoundException
        ValidationException
    ]
}

/// What a job worker sends when it claims a job.
structure AcknowledgeThirdPartyJobInput {
    /// Identifies the job being claimed.
    @required
    jobId: ThirdPartyJobId

    /// The one-time value that came with the job's details; it shows that this worker is
    /// the one that read them.
    @required
    nonce: Nonce

    /// The secret half of the client ID and token pair; it proves that the caller may act
    /// on this job.
    @required
    clientToken: ClientToken
}

/// Where the claimed job stands after the acknowledgement.
@output
structure AcknowledgeThirdPartyJobOutput {
    /// The job's state, when the pipeline reports one.
    status: JobStatus
}

/// Reads everything a job worker needs to run a job: the action's type and configuration,
/// where it sits in the pipeline, its input and output artifacts, and temporary
/// credentials for the artifact bucket. The answer can hold the action's secret
/// configuration values.
operation GetThirdPartyJobDetails {
    input: GetThirdPartyJobDetailsInput
    output: GetThirdPartyJobDetailsOutput
    errors: [
        InvalidClientTokenException
        InvalidJobException
        JobNotFoundException
        ValidationException
    ]
}

/// What a job worker sends to read a job.
structure GetThirdPartyJobDetailsInput {
    /// Identifies the job to read.
    @required
    jobId: ThirdPartyJobId

    /// The secret half of the client ID and token pair; it proves that the caller may read
    /// this job.
    @required
    clientToken: ClientToken
}

/// The job, as the pipeline describes it to its worker.
@output
structure GetThirdPartyJobDetailsOutput {
    /// The job's ID, its data and the nonce to acknowledge it with.
    jobDetails: ThirdPartyJobDetails
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

/// Tells the pipeline that a third-party job failed, and why. A partner job worker calls
/// it instead of PutThirdPartyJobSuccessResult when its work for the job cannot finish.
operation PutThirdPartyJobFailureResult {
    input: PutThirdPartyJobFailureResultInput
    output: Unit
    errors: [
        InvalidClientTokenException
        InvalidJobStateException
        JobNotFoundException
        ValidationException
    ]
}

/// What a job worker sends when it reports that a third-party job failed.
structure PutThirdPartyJobFailureResultInput {
    /// Identifies the job being reported on; it is the ID that PollForThirdPartyJobs
    /// handed to the worker.
    @required
    jobId: ThirdPartyJobId

    /// The secret half of the client ID and token pair; it proves that the caller may act
    /// on this job.
    @required
    clientToken: ClientToken

    /// What kind of failure it was, and an account of it for the pipeline's users.
    @required
    failureDetails: FailureDetails
}

/// An account of why a job failed.
structure FailureDetails {
    /// The class of failure, which tells the pipeline and its users what went wrong.
    @required
    type: FailureType

    /// A human-readable explanation of the failure.
    @required
    message: Message

    /// The identifier the partner's own system gave to the failed run, such as a build or
    /// deployment ID.
    externalExecutionId: ExecutionId
}

/// The classes of failure a job worker can report.
enum FailureType {
    /// The work itself failed.
    JobFailed

    /// The action was set up in a way the worker cannot carry out.
    ConfigurationError

    /// The worker was not allowed to do something the job needed.
    PermissionError

    /// The revision the job was given no longer matches the source.
    RevisionOutOfSync

    /// The revision the job needs could not be obtained.
    RevisionUnavailable

    /// A system the job depends on could not be reached.
    SystemUnavailable
}

/// A job that is waiting for a partner action's worker.
structure ThirdPartyJob {
    /// The client ID paired with the job; the worker uses its token to act on the job.
    clientId: ClientId

    /// The job's identifier within CodePipeline.
    jobId: JobId
}

/// Jobs handed to a job worker.
list ThirdPartyJobList {
    member: ThirdPartyJob
}

/// A job as the pipeline describes it to its worker.
structure ThirdPartyJobDetails {
    /// The job's identifier.
    id: ThirdPartyJobId

    /// What the worker needs to know to run the job.
    data: ThirdPartyJobData

    /// A one-time value that the worker sends back in AcknowledgeThirdPartyJob, so that
    /// only one worker takes the job.
    nonce: Nonce
}

/// The data a partner action's job carries.
structure ThirdPartyJobData {
    /// The type of the action that made the job.
    actionTypeId: ActionTypeId

    /// The action's configuration, as the pipeline's owner set it.
    actionConfiguration: ActionConfiguration

    /// Where in which pipeline the job comes from. Partner jobs leave out the pipeline's
    /// ARN and execution ID.
    pipelineContext: PipelineContext

    /// The artifacts the action works on, if any; each was produced by an earlier action
    /// of the pipeline.
    inputArtifacts: ArtifactList

    /// The artifacts the action is expected to produce, if any.
    outputArtifacts: ArtifactList

    /// Short-lived credentials for reading and writing the job's artifacts in the
    /// pipeline's S3 bucket.
    artifactCredentials: AWSSessionCredentials

    /// The token a worker left on an earlier job of the same action run, passed back so
    /// that the worker can pick up where it left off.
    continuationToken: ContinuationToken

    /// The key that encrypts the pipeline's artifact store, when there is one.
    encryptionKey: EncryptionKey
}

/// Names an action type by its category, owner, provider and version.
structure ActionTypeId {
    /// The kind of work the action does.
    @required
    category: ActionCategory

    /// Who provides the action: AWS, a third party or the account itself.
    @required
    owner: ActionOwner

    /// The name of the service or product that runs the action.
    @required
    provider: ActionProvider

    /// The version of the action type.
    @required
    version: Version
}

/// The kinds of work a pipeline action can do.
enum ActionCategory {
    /// Fetches the source the pipeline works on.
    Source

    /// Builds the source.
    Build

    /// Deploys what was built.
    Deploy

    /// Tests what was built.
    Test

    /// Calls out to some other work.
    Invoke

    /// Waits for a person to approve.
    Approval

    /// Runs commands on compute that the pipeline provides.
    Compute
}

/// Who provides an action type.
enum ActionOwner {
    /// An action that AWS provides.
    AWS

    /// A partner action, run by a third party's job worker.
    ThirdParty

    /// A custom action that the account defined itself.
    Custom
}

/// The configuration of the action that made a job.
structure ActionConfiguration {
    /// The configuration's properties, by name.
    configuration: ActionConfigurationMap
}

/// An action's configuration properties, by name.
map ActionConfigurationMap {
    key: ActionConfigurationKey
    value: ActionConfigurationValue
}

/// The name of an action configuration property.
@length(min: 1, max: 50)
string ActionConfigurationKey

/// The value of an action configuration property.
@length(min: 1, max: 1000)
string ActionConfigurationValue

/// Where in a pipeline a job comes from.
structure PipelineContext {
    /// The name of the pipeline, unique within its AWS account.
    pipelineName: PipelineName

    /// The stage the job's action belongs to.
    stage: StageContext

    /// The action that made the job.
    action: ActionContext

    /// The pipeline's Amazon Resource Name. Partner jobs leave it out.
    pipelineArn: PipelineArn

    /// The identifier of the pipeline's run. Partner jobs leave it out.
    pipelineExecutionId: PipelineExecutionId
}

/// The stage a job's action belongs to.
structure StageContext {
    /// The stage's name.
    name: StageName
}

/// The action that made a job.
structure ActionContext {
    /// The action's name within its stage.
    name: ActionName

    /// The identifier of this run of the action.
    actionExecutionId: ActionExecutionId
}

/// Artifacts that a job reads or writes.
list ArtifactList {
    member: Artifact
}

/// A set of files that actions pass along a pipeline, such as a source archive or a build
/// output.
structure Artifact {
    /// The artifact's name within the pipeline.
    name: ArtifactName

    /// The artifact's revision, such as a commit ID or an object version.
    revision: Revision

    /// Where the artifact is stored.
    location: ArtifactLocation
}

/// Where an artifact is stored.
structure ArtifactLocation {
    /// The kind of store that holds the artifact.
    type: ArtifactLocationType

    /// The S3 object that holds the artifact.
    s3Location: S3ArtifactLocation
}

/// The kinds of store that can hold an artifact.
enum ArtifactLocationType {
    /// An Amazon S3 bucket.
    S3
}

/// An artifact's object in Amazon S3.
structure S3ArtifactLocation {
    /// The bucket that holds the object.
    @required
    bucketName: S3BucketName

    /// The object's key within the bucket.
    @required
    objectKey: S3ObjectKey
}

/// Temporary AWS credentials, issued by AWS STS, that give a job worker access to the
/// job's artifacts in the pipeline's S3 bucket. They are secrets.
@sensitive
structure AWSSessionCredentials {
    /// The access key ID of the temporary credentials.
    @required
    accessKeyId: AccessKeyId

    /// The secret access key of the temporary credentials.
    @required
    secretAccessKey: SecretAccessKey

    /// The session token that goes with the temporary credentials.
    @required
    sessionToken: SessionToken
}

/// The key that encrypts a pipeline's artifact store.
structure EncryptionKey {
    /// The key's ID, ARN or alias ARN in AWS KMS. An alias only resolves within the
    /// account that created the key.
    @required
    id: EncryptionKeyId

    /// The kind of key.
    @required
    type: EncryptionKeyType
}

/// The kinds of key that can encrypt an artifact store.
enum EncryptionKeyType {
    /// A key in AWS Key Management Service.
    KMS
}

/// The states a job moves through.
enum JobStatus {
    /// The job exists but has not been queued.
    Created

    /// The job waits for a worker.
    Queued

    /// The job has been handed to a worker.
    Dispatched

    /// A worker is running the job.
    InProgress

    /// The job ran out of time.
    TimedOut

    /// The job finished well.
    Succeeded

    /// The job finished badly.
    Failed
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

/// A one-time value that ties a job to the one worker that claims it.
@length(min: 1, max: 50)
string Nonce

/// The identifier of a job in CodePipeline, a lowercase UUID.
@pattern("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
string JobId

/// The client ID that goes with a job's client token, a lowercase UUID.
@pattern("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
string ClientId

/// The largest number of jobs one poll may return.
@range(min: 1)
integer MaxBatchSize

/// The name of an action type's provider.
@length(min: 1, max: 35)
@pattern("^[0-9A-Za-z_-]+$")
string ActionProvider

/// The version of an action type.
@length(min: 1, max: 9)
@pattern("^[0-9A-Za-z_-]+$")
string Version

/// The name of a pipeline.
@length(min: 1, max: 100)
@pattern("^[A-Za-z0-9.@\\-_]+$")
string PipelineName

/// The name of a pipeline stage.
@length(min: 1, max: 100)
@pattern("^[A-Za-z0-9.@\\-_]+$")
string StageName

/// The name of a pipeline action.
@length(min: 1, max: 100)
@pattern("^[A-Za-z0-9.@\\-_]+$")
string ActionName

/// The identifier of one run of an action.
string ActionExecutionId

/// The Amazon Resource Name of a pipeline.
@pattern("^arn:aws(-[\\w]+)*:codepipeline:.+:[0-9]{12}:.+$")
string PipelineArn

/// The identifier of one run of a pipeline, a lowercase UUID.
@pattern("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
string PipelineExecutionId

/// The name of an artifact within a pipeline.
@length(min: 1, max: 100)
@pattern("^[a-zA-Z0-9_\\-]+$")
string ArtifactName

/// The name of an Amazon S3 bucket.
string S3BucketName

/// The key of an object in Amazon S3.
string S3ObjectKey

/// The access key ID of temporary AWS credentials.
@sensitive
string AccessKeyId

/// The secret access key of temporary AWS credentials.
@sensitive
string SecretAccessKey

/// The session token of temporary AWS credentials.
@sensitive
string SessionToken

/// The ID, ARN or alias ARN of a key in AWS KMS.
@length(min: 1, max: 400)
string EncryptionKeyId

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

/// The action type named in the request does not exist.
@error("client")
structure ActionTypeNotFoundException {
    /// Which action type could not be found.
    message: Message
}

/// The nonce does not belong to the job, or is not a valid nonce.
@error("client")
structure InvalidNonceException {
    /// What was wrong with the nonce.
    message: Message
}

/// The job is not valid for this request, or could not be found.
@error("client")
structure InvalidJobException {
    /// What was wrong with the job.
    message: Message
}
