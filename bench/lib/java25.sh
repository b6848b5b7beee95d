# Sourced by bench/startup/*.sh. find_java25: sets JAVA25 to a JDK 25+ home (Project Leyden's AOT
# cache): $JAVA25 if set, else $JAVA_HOME if it is 25+, else the newest /usr/lib/jvm/* that is;
# fails telling what to install otherwise.
java_feature() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

find_java25() {
  local home
  if [[ -z ${JAVA25:-} ]]; then
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java && $(java_feature "$JAVA_HOME") -ge 25 ]]; then
      JAVA25=$JAVA_HOME
    else
      for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        if [[ -x $home/bin/java && $(java_feature "$home") -ge 25 ]]; then
          JAVA25=${home%/}
          break
        fi
      done
    fi
  fi
  if [[ -z ${JAVA25:-} || ! -x $JAVA25/bin/java || $(java_feature "$JAVA25") -lt 25 ]]; then
    echo "needs a JDK 25 or newer (e.g. Temurin 25): set JAVA25=<its home>" >&2
    exit 1
  fi
}
