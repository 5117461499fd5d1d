#include "TranscriptionRoutes.h"

#include "AiSettings.h"
#include "server/OpenApi.h"
#include "server/RouteTable.h"
#include "storage/ListQuery.h"
#include "storage/RecordingRepository.h"
#include "storage/SqlWorker.h"
#include "storage/TranscriptionRepository.h"

namespace sb {

namespace {

void document(Router &router)
{
    using namespace schema;
    RouteDoc doc;
    doc.summary = QStringLiteral("Recordings: transcribe");
    doc.description = QStringLiteral(
        "Queues the stored recording for transcription now through the AI service's "
        "/audio/transcriptions (the transcription model of the AI settings, default whisper-1), with its "
        "attempts reset. The text replaces the call's transcript (its transcript source becomes "
        "\"transcription\") and is then analysed. Files over 25 MB are refused without sending.");
    doc.pathParams = {ParamDoc {QStringLiteral("id"), QStringLiteral("The recording id"), integer(), true}};
    doc.responses = {
        jsonResponse(202, QStringLiteral("Queued"),
            object({{QStringLiteral("recordingId"), integer()}, {QStringLiteral("callId"), integer()},
                       {QStringLiteral("transcription"),
                           object({{QStringLiteral("state"), oneOfValues(transcriptionStateNames())},
                               {QStringLiteral("attempts"), integer()},
                               {QStringLiteral("model"), nullable(string())},
                               {QStringLiteral("error"), nullable(string())},
                               {QStringLiteral("updatedAt"), dateTime()},
                               {QStringLiteral("completedAt"), nullable(dateTime())}})}},
                {QStringLiteral("recordingId"), QStringLiteral("callId"), QStringLiteral("transcription")})),
        errorResponse(404, QStringLiteral("No such recording")),
        errorResponse(409,
            QStringLiteral("The recording is not stored (queued, downloading, failed, refused or "
                           "pruned); the state is named")),
        errorResponse(503, QStringLiteral("AI is not configured"))};
    router.document("POST", QStringLiteral("/api/recordings/{id}/transcribe"), doc);
}

} // namespace

void registerTranscriptionRoutes(Router &router, TranscriptionRouteDependencies dependencies)
{
    routes::addCommand(router, "POST", QStringLiteral("/api/recordings/{id}/transcribe"),
        ApiFamily::Communications, QStringLiteral("recordings.transcribe"),
        [deps = std::move(dependencies)](SqlContext &context, const ApiRequest &request) -> ApiResult {
            const auto id = pathId(request);
            const auto recording = id ? RecordingRepository::find(context, *id) : std::nullopt;
            if (!recording)
                return ApiError {ErrorKind::NotFound,
                    QStringLiteral("Recording %1 not found").arg(request.pathArgs.value(0))};
            if (recording->state != RecordingState::Stored)
                return ApiError {ErrorKind::Conflict,
                    QStringLiteral("Recording %1 is not stored (it is %2); there is nothing to transcribe")
                        .arg(*id)
                        .arg(recordingStateName(recording->state))};
            if (!AiSettings::load(context, deps.environment).configured())
                return ApiError {ErrorKind::Unavailable, AiSettings::notConfiguredHint()};
            const auto rowId = TranscriptionRepository::request(context, recording->id, recording->callId);
            if (deps.wake)
                deps.wake();
            const auto row = TranscriptionRepository::find(context, rowId);
            return ApiResponse::json(202,
                QJsonObject {{QStringLiteral("recordingId"), recording->id},
                    {QStringLiteral("callId"), recording->callId},
                    {QStringLiteral("transcription"), row ? QJsonValue(row->toJson()) : QJsonValue()}});
        });
    document(router);
}

} // namespace sb
