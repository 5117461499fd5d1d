#pragma once

#include "server/Router.h"

#include <QProcessEnvironment>
#include <functional>

namespace sb {

struct TranscriptionRouteDependencies
{
    QProcessEnvironment environment; // the AI settings' fallbacks
    std::function<void()> wake; // tells the Transcriber a row is due (any thread)
};

// POST /api/recordings/{id}/transcribe (admin; /api/communications envelope): transcribes the stored
// recording again (or for the first time) now; 202 {"recordingId", "callId", "transcription"}; 404
// unknown, 409 when the recording is not stored, 503 when AI is not configured. With its RouteDoc.
void registerTranscriptionRoutes(Router &router, TranscriptionRouteDependencies dependencies);

} // namespace sb
