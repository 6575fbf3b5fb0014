# SYNTAX TEST "source.dockerfile" "heredocs and directive comments, with VS Code's own grammars"
# syntax=docker/dockerfile:1
# <- meta.preprocessor.directive.dockerfile punctuation.definition.directive.dockerfile
# ^^^^^^ meta.preprocessor.directive.dockerfile keyword.control.directive.dockerfile
#        ^^^^^^^^^^^^^^^^^^^^ meta.preprocessor.directive.dockerfile string.unquoted.directive-value.dockerfile
# check=skip=JSONArgsRecommended;error=true
# ^^^^^ keyword.control.directive.dockerfile
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
FROM debian:bookworm-slim
# dockerfile-slim ignore=apt-lists-left,runs-as-root
# ^^^^^^^^^^^^^^^ entity.name.tag.tool.dockerfile
#                 ^^^^^^ keyword.control.directive.dockerfile
#                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^ variable.other.rule-id.dockerfile
# hadolint global ignore=DL3008
# ^^^^^^^^ entity.name.tag.tool.dockerfile
#          ^^^^^^ storage.modifier.scope.dockerfile
#                        ^^^^^^ variable.other.rule-id.dockerfile
# an ordinary comment stays a comment
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - meta.preprocessor.ignore.dockerfile
RUN <<EOF
# <- meta.embedded.heredoc.run.dockerfile keyword.other.special-method.dockerfile
#   ^^ keyword.operator.heredoc.dockerfile
#     ^^^ entity.name.tag.heredoc-delimiter.dockerfile
set -eux
# <- meta.embedded.heredoc.run.dockerfile source.shell
apt-get update
# <- source.shell
EOF
# <- meta.embedded.heredoc.run.dockerfile entity.name.tag.heredoc-delimiter.dockerfile
RUN echo "after"
#   ^^^^ - source.shell
RUN python3 <<'PY'
#           ^^ keyword.operator.heredoc.dockerfile
#              ^^ entity.name.tag.heredoc-delimiter.dockerfile
#!/usr/bin/env python3
# <- meta.embedded.block.python.dockerfile comment.line.shebang.dockerfile
import sys
# <- meta.embedded.block.python.dockerfile source.python
print(sys.argv)
PY
# <- entity.name.tag.heredoc-delimiter.dockerfile - source.python
COPY <<-CONF /etc/app.conf
# <- meta.embedded.heredoc.file.dockerfile keyword.other.special-method.dockerfile
listen 8080
# <- meta.embedded.heredoc.file.dockerfile string.unquoted.heredoc.dockerfile
	CONF
#	^^^^ entity.name.tag.heredoc-delimiter.dockerfile
CMD ["echo", "done"]
# <- keyword.other.special-method.dockerfile - meta.embedded.heredoc.file.dockerfile
