"""The live answer: the recorder bridge, early transcription while the candidate speaks, and the `TurnKey`.

`recording` is the lock-guarded bridge the WebRTC thread feeds, `early_transcription` transcribes closed
stretches of speech before the answer ends, and `turn_key.TurnKey` names the question an answer is for.
"""
