#include "KeychainKey.h"

#include <QEventLoop>
#include <QTimer>

#ifdef SWITCHBOARD_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace sb {

#ifdef SWITCHBOARD_HAVE_KEYCHAIN
namespace {

const QString service = QStringLiteral("Switchboard");
constexpr int answerTimeoutMs = 5000;

// Runs a keychain job to its end; false when it did not finish in time.
bool runJob(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(answerTimeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    return finished;
}

} // namespace
#endif

QString KeychainKey::backendName()
{
#if defined(Q_OS_MACOS)
    return QStringLiteral("Keychain");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Credential Manager");
#else
    return QStringLiteral("Secret Service");
#endif
}

bool KeychainKey::mayBeAvailable(QString *why)
{
#if !defined(SWITCHBOARD_HAVE_KEYCHAIN)
    *why = QStringLiteral("this build has no keychain support (QtKeychain)");
    return false;
#elif defined(Q_OS_MACOS) || defined(Q_OS_WIN)
    Q_UNUSED(why);
    return true;
#else
    // The Secret Service is a D-Bus service of the desktop session; without a session bus
    // (headless, CI, ssh) asking would only wait for a timeout.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        *why = QStringLiteral("no D-Bus session");
        return false;
    }
    return true;
#endif
}

KeychainKey::Result KeychainKey::read(const QString &entry, QByteArray *key, QString *error)
{
#ifndef SWITCHBOARD_HAVE_KEYCHAIN
    Q_UNUSED(entry);
    Q_UNUSED(key);
    *error = QStringLiteral("this build has no keychain support (QtKeychain)");
    return Result::Unavailable;
#else
    QKeychain::ReadPasswordJob job(service);
    job.setKey(entry);
    job.setInsecureFallback(false);
    if (!runJob(job)) {
        *error = QStringLiteral("the keychain did not answer within %1 s").arg(answerTimeoutMs / 1000);
        return Result::Unavailable;
    }
    switch (job.error()) {
    case QKeychain::NoError:
        *key = job.binaryData();
        return Result::Found;
    case QKeychain::EntryNotFound:
        return Result::Missing;
    default:
        *error = job.errorString();
        return Result::Unavailable;
    }
#endif
}

bool KeychainKey::write(const QString &entry, const QByteArray &key, QString *error)
{
#ifndef SWITCHBOARD_HAVE_KEYCHAIN
    Q_UNUSED(entry);
    Q_UNUSED(key);
    *error = QStringLiteral("this build has no keychain support (QtKeychain)");
    return false;
#else
    QKeychain::WritePasswordJob job(service);
    job.setKey(entry);
    job.setInsecureFallback(false);
    job.setBinaryData(key);
    if (!runJob(job)) {
        *error = QStringLiteral("the keychain did not answer within %1 s").arg(answerTimeoutMs / 1000);
        return false;
    }
    if (job.error() != QKeychain::NoError) {
        *error = job.errorString();
        return false;
    }
    return true;
#endif
}

} // namespace sb
