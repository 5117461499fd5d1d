#include "ProviderCall.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace sb::test {

ProviderReply callProvider(const channels::ProviderRequest &request, int timeoutMs)
{
    QNetworkAccessManager manager;
    QNetworkRequest networkRequest(request.url);
    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    QNetworkReply *reply = manager.sendCustomRequest(networkRequest, request.method, request.body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    ProviderReply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.error = QStringLiteral("timed out");
    } else {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.append({name, value});
        result.body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError && result.status == 0)
            result.error = reply->errorString();
    }
    reply->deleteLater();
    return result;
}

} // namespace sb::test
