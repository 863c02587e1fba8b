# Sourced by ./tollgate, .ci/run and the bench scripts: finds a JDK new enough for Tollgate and exports it.
# Order: JAVA_HOME if it is new enough, then java on the PATH, then the newest JDK in the usual system folders.
# Sets JAVA (the java binary) and exports JAVA_HOME and PATH so Maven builds with the same JDK; returns 1 with one
# line on stderr saying what to install when none is found.
TOLLGATE_JAVA_REQUIRED=21

# The feature version (17, 21, 25, …) of the java binary given, or nothing when it does not run.
jdk_feature_version() {
    local version
    version="$("$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')"
    [[ -n "$version" && "$version" != 1.* ]] && echo "${version%%.*}"
}

# A JDK home whose java and javac both run and are new enough.
jdk_usable() {
    local home=$1 feature
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 1
    feature="$(jdk_feature_version "$home/bin/java")"
    [[ -n "$feature" && "$feature" -ge $TOLLGATE_JAVA_REQUIRED ]]
}

find_jdk() {
    local candidates=() home best="" best_feature=0 feature
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
    if command -v java >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
    fi
    for home in "${candidates[@]}"; do
        if jdk_usable "$home"; then best=$home; break; fi
    done
    if [[ -z "$best" ]]; then
        # TOLLGATE_JDK_SEARCH (folders holding JDKs, space-separated) replaces the usual ones.
        local folder
        for folder in ${TOLLGATE_JDK_SEARCH:-/usr/lib/jvm /opt/java /usr/local/lib/jvm}; do
            for home in "$folder"/*; do
                [[ -d "$home" && ! -L "$home" ]] || continue
                jdk_usable "$home" || continue
                feature="$(jdk_feature_version "$home/bin/java")"
                if ((feature > best_feature)); then best=$home; best_feature=$feature; fi
            done
        done
    fi
    if [[ -z "$best" ]]; then
        echo "Tollgate needs a JDK $TOLLGATE_JAVA_REQUIRED or newer (a JDK, not only a JRE; Temurin 25 or OpenJDK 21+); none was found in JAVA_HOME, on the PATH or under ${TOLLGATE_JDK_SEARCH:-/usr/lib/jvm}. Install one and set JAVA_HOME to it." >&2
        return 1
    fi
    export JAVA_HOME=$best
    # Maven's own Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every build; the warning is not ours.
    if (($(jdk_feature_version "$best/bin/java") >= 24)) && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe* ]]; then
        export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
    fi
    export PATH="$JAVA_HOME/bin:$PATH"
    JAVA="$JAVA_HOME/bin/java"
}
